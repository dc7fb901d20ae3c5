/**
 * The built Figma plugin UI (`apps/figma-plugin/dist/ui.html`) in a page that plays Figma's parent
 * window: the UI sits in a sandboxed (null-origin) iframe and talks by `pluginMessage` posts,
 * relayed to Node. Shared by the browser test and the script that makes the README's screenshot.
 */
import { readFileSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import type { MainToUi, UiToMain } from '@nst/figma-plugin/protocol';
import { PANEL_SIZE } from '@nst/figma-plugin/panel-size';
import { longestEncoding, uiDataUrl } from '@nst/figma-plugin/ui-data-url';
import type { FakeFigma } from '@nst/figma-plugin/testing';
import { MessageLog } from '@nst/testing/message-log';
import { BYTES_CODEC_SOURCE, fromWire, serve, toWire } from './browser.js';

declare global {
  interface Window {
    /** Set by the harness page: posts a message to the UI iframe. */
    toUi?: (wire: unknown) => void;
  }
}

/** The built UI. */
export const UI_HTML = readFileSync(new URL('../apps/figma-plugin/dist/ui.html', import.meta.url), 'utf8');

/**
 * The UI as Figma loads it, a `data:` URL, in the encoding that makes it longest (see
 * ui-data-url.ts): what loads here loads however Figma encodes it.
 */
export const UI_DATA_URL = uiDataUrl(UI_HTML, longestEncoding(UI_HTML));

/**
 * The policy the CSP test starts each case from: nothing but what the UI needs (its `data:` frame, inline
 * script and style, wasm, blob: and data: images, fetch and workers).
 */
export const BASE_POLICY: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'frame-src': 'data:',
  'script-src': "'unsafe-inline' 'wasm-unsafe-eval'",
  'style-src': "'unsafe-inline'",
  'img-src': 'data: blob:',
  'connect-src': 'blob: data:',
  'worker-src': 'blob:',
};

/** {@link BASE_POLICY} with `overrides`, as a Content-Security-Policy header. */
export const policy = (overrides: Readonly<Record<string, string>> = {}): string =>
  Object.entries({ ...BASE_POLICY, ...overrides })
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join('; ');

/** The harness page, its iframe at the panel's size, the UI at `src` (/ui.html, or {@link UI_DATA_URL}). */
const harness = (src: string) => `<!doctype html><meta charset="utf-8"><body style="margin:0">
<iframe id="ui" sandbox="allow-scripts" src="${src}" style="width:${PANEL_SIZE.width}px;height:${PANEL_SIZE.height}px;border:0"></iframe>
<script>${BYTES_CODEC_SOURCE}
const frame = document.getElementById('ui');
window.addEventListener('message', (event) => {
  if (event.source === frame.contentWindow && event.data && event.data.pluginMessage) window.toMain(toWire(event.data.pluginMessage));
});
window.toUi = (message) => frame.contentWindow.postMessage({ pluginMessage: fromWire(message) }, '*');
</script>`;

/**
 * Loads the UI into the harness. With `figma`, the main thread on that fake Figma is wired to it
 * through the protocol; without, the test plays the main thread with `toUi` and `fromUi`. With
 * `policy`, the harness page is served with that Content-Security-Policy and the UI is loaded as
 * Figma loads it, as a `data:` URL ({@link UI_DATA_URL}) in the sandboxed iframe: a document of
 * opaque origin that inherits the page's policy, as Figma's inherits its outer frame's.
 */
export async function openUi(page: Page, figma?: FakeFigma, policy?: string) {
  const fromUi = new MessageLog<UiToMain>();
  const toUi = (m: MainToUi) => page.evaluate((wire) => window.toUi?.(wire), toWire(m));
  if (figma !== undefined) {
    fromUi.listen((m) => figma.ui.fromUi(m));
    figma.ui.listen((m) => void toUi(m));
  }
  await page.exposeFunction('toMain', (message: unknown) => fromUi.push(fromWire(message) as UiToMain));
  const { url, server } = await serve(
    { '/': harness(policy === undefined ? '/ui.html' : UI_DATA_URL), '/ui.html': UI_HTML },
    policy === undefined ? {} : { 'content-security-policy': policy },
  );
  page.on('close', () => server.close());
  await page.goto(url);
  await fromUi.next('ready', 30_000);
  return { fromUi, toUi, frame: page.frameLocator('#ui') };
}

/** Where `selector` lies in the panel as it is (CSS px from the panel's top), its height, and how far the panel is scrolled. */
export async function placeInPanel(ui: FrameLocator, selector: string) {
  return ui.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, height: innerHeight, scrollY };
  });
}

/** Whether a {@link placeInPanel} is wholly in view without scrolling. */
export const inView = (place: Awaited<ReturnType<typeof placeInPanel>>): boolean =>
  place.scrollY === 0 && place.top >= 0 && place.bottom <= place.height;

/**
 * Starts recording every text `#status` shows, and returns a function that reads the record. A
 * short run's progress lines can come and go between two polls of a `waitFor`; the record keeps them.
 */
export async function recordStatus(ui: FrameLocator): Promise<() => Promise<string[]>> {
  const status = ui.locator('#status');
  await status.evaluate((element) => {
    const seen: string[] = [element.textContent ?? ''];
    new MutationObserver(() => seen.push(element.textContent ?? '')).observe(element, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    Object.defineProperty(element, 'seen', { value: seen });
  });
  return () => status.evaluate((element) => [...((element as HTMLElement & { seen?: string[] }).seen ?? [])]);
}
