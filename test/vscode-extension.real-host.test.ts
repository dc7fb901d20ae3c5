/**
 * The Style Preview in a real VS Code: the packaged `.vsix` installed into code-server 4.100.3
 * (VS Code 1.100.3 and its Node extension host), driven through the workbench in Chromium as a
 * user would: right-click an image → Open Style Preview, Save result, Compare Styles. It asserts
 * what the user sees, that no webview logs an error, and that nothing leaves 127.0.0.1 (Chromium
 * resolves no other host; code-server's Node processes log any other connection).
 *
 * CI runs it. Locally, NST_SKIP_REAL_VSCODE=1 skips it; NST_SCREENSHOTS=<folder> writes the
 * screenshots of the README, at the extension's default size and iterations.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import { meanAbsDiff } from '@nst/testing/mean-abs-diff';
import { rgbaPixels } from '@nst/testing/rgba-pixels';
import { launchChromium, ONLY_LOCALHOST } from './browser.js';
import { installCodeServer, startCodeServer, type CodeServer } from './code-server.js';
import { assertDistanceTable, assertFingerprintDrawn, readDistances } from './style-preview-page.js';
import { EXTENSION_DIR, packageVsix } from './vsix.js';

const SKIP = process.env['NST_SKIP_REAL_VSCODE'] === '1';
const SCREENSHOTS = process.env['NST_SCREENSHOTS'];

const PICTURES: Record<string, URL> = {
  'van-gogh-night-cafe.png': new URL('../apps/cli/samples/van-gogh-night-cafe.png', import.meta.url),
  'van-gogh-langlois-bridge.png': new URL('../apps/cli/samples/van-gogh-langlois-bridge.png', import.meta.url),
  'brick-texture.jpg': new URL('../apps/figma-plugin/presets/brick-texture.jpg', import.meta.url),
  'chelsea-cat.png': new URL('../apps/cli/samples/chelsea-cat.png', import.meta.url),
};

/** A quiet workbench; a small, fast preview on wasm unless the screenshots want the defaults. */
const SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'nst.backend': 'wasm',
  ...(SCREENSHOTS === undefined ? { 'nst.preview.size': 128, 'nst.preview.iterations': 10 } : {}),
};

/** The explorer's row for `name`. */
const explorerRow = (page: Page, name: string) => page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);

/**
 * Selects the explorer rows `names` (the first clicked, the rest added with Ctrl), right-clicks the last, and runs
 * `command` from the context menu: hovered, then Enter (a click right after the menu opens is
 * sometimes taken for the end of the right-click). Right after the workbench loads the menu may
 * not hold the extension's items yet: it is closed and opened again until it does. A row that
 * moves as the right-click lands (the explorer refreshing) can take the selection with it: the
 * menu is then closed and the rows selected again, so the command never runs on other files.
 */
async function runFromExplorer(page: Page, names: readonly string[], command: string): Promise<void> {
  const selected = async () => {
    const rows = page.locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]');
    const labels = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('aria-label')));
    return labels.length === names.length && names.every((name) => labels.includes(name));
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (!(await selected())) {
      for (const [i, name] of names.entries()) await explorerRow(page, name).click({ modifiers: i === 0 ? [] : ['Control'] });
      await page.waitForTimeout(200);
      continue;
    }
    await explorerRow(page, names.at(-1)!).click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: command });
    const offered = await item.waitFor({ timeout: 1500 }).then(
      () => true,
      () => false,
    );
    if (offered && (await selected())) {
      await item.hover();
      await page.keyboard.press('Enter');
      const ran = await item.waitFor({ state: 'detached', timeout: 3000 }).then(
        () => true,
        () => false,
      );
      if (ran) return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`the explorer's context menu never offered "${command}" on ${names.join(', ')}`);
}

/** The frame of the webview page in `mode` (the extension sets `data-mode` on its body). */
async function webviewFrame(page: Page, mode: 'preview' | 'compare'): Promise<Frame> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    for (const frame of page.frames()) {
      if (!frame.url().includes('/webview/browser/pre/')) continue;
      const found = await frame.evaluate(() => document.body?.dataset['mode']).catch(() => undefined);
      if (found === mode) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview in ${mode} mode appeared; the workbench shows: ${await workbenchState(page)}`);
}

/** What the workbench shows besides the editor, for a failure's message: webviews, toasts, a quick input. */
async function workbenchState(page: Page): Promise<string> {
  const modes = await Promise.all(
    page
      .frames()
      .filter((frame) => frame.url().includes('/webview/browser/pre/'))
      .map((frame) => frame.evaluate(() => document.body?.dataset['mode'] ?? '(no mode)').catch(() => '(gone)')),
  );
  const toasts = await page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
  const quickInput = await page
    .locator('.quick-input-widget:visible .quick-input-title, .quick-input-widget:visible input')
    .allTextContents();
  const selected = await page
    .locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
  return JSON.stringify({ webviews: modes, toasts, quickInput, selected });
}

/** Waits for `done` to show, failing at once with the page's error banner if that shows instead. */
async function waitUnlessError(frame: Frame, done: string, what: string, timeout = 180_000): Promise<void> {
  const error = frame.locator('#error:visible');
  await frame.locator(done).or(error).first().waitFor({ timeout });
  if (await error.count()) assert.fail(`${what}: the page shows an error: ${await error.textContent()}`);
}

/** code-server with the extension, Chromium on its workbench, and what they did. */
interface Session {
  readonly folder: string;
  readonly page: Page;
  readonly server: CodeServer;
  /** Every request the browser made. */
  readonly requests: Request[];
  /** Console errors and uncaught errors of the webviews. */
  readonly webviewErrors: string[];
  close(): Promise<void>;
}

/**
 * Packs the extension, installs it into a fresh code-server with `settings` (and without
 * `withoutFiles` of the installed extension), opens a folder of pictures in Chromium, and waits
 * for the explorer.
 */
async function openSession(settings: Readonly<Record<string, unknown>>, withoutFiles: readonly string[] = []): Promise<Session> {
  const work = mkdtempSync(join(tmpdir(), 'nst-real-host-'));
  const folder = join(work, 'pictures');
  mkdirSync(folder);
  for (const [name, source] of Object.entries(PICTURES)) copyFileSync(source, join(folder, name));
  const vsix = join(work, 'nst-style-preview.vsix');
  packageVsix(vsix);
  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer({ vsix, folder, settings, withoutFiles });
    browser = await launchChromium([ONLY_LOCALHOST]);
    const requests: Request[] = [];
    const webviewErrors: string[] = [];
    browser.context.on('request', (request) => requests.push(request));
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const inWebview = (url: string) => /\/webview\/browser\/pre\/|vscode-resource|vscode-cdn\.net/.test(url);
    page.on('console', (message) => {
      if (message.type() === 'error' && inWebview(message.location().url))
        webviewErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => {
      if (inWebview(error.stack ?? '')) webviewErrors.push(error.message);
    });
    await page.goto(server.url);
    await explorerRow(page, 'van-gogh-night-cafe.png').waitFor({ timeout: 60_000 });
    return { folder, page, server, requests, webviewErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Right-click the Night Café → Open Style Preview: the fingerprint and palette are drawn, the
 * sample is styled ("Done"); then Save result writes a styled PNG of `size` px next to the picture.
 * `shown` runs once the preview is done (for a screenshot).
 */
async function previewAndSave({ page, folder }: Session, size: number, shown?: () => Promise<unknown>): Promise<void> {
  await runFromExplorer(page, ['van-gogh-night-cafe.png'], 'Open Style Preview');
  const frame = await webviewFrame(page, 'preview');
  await waitUnlessError(frame, '#status:text-matches("^Done in")', 'Open Style Preview');
  assert.equal(await frame.locator('h1').textContent(), 'van-gogh-night-cafe.png');
  // Where the tiles run in a real webview: on blob: workers (the CSP allows them with wasm), or in the page and why.
  const backend = (await frame.locator('#backend').textContent()) ?? '';
  console.log(`real VS Code: ${backend}`);
  assert.match(backend, /^Runs on WebAssembly, (\d+ workers|in this page \(.+\))$/);
  assert.ok(
    await frame.locator('#style-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    'the style image shows',
  );
  await assertFingerprintDrawn(frame);
  await shown?.();

  await frame.locator('#save').click();
  const saved = join(folder, 'sample-content.van-gogh-night-cafe.png');
  await waitUnlessError(frame, `#status:text-is("Saved to ${saved}")`, 'Save result', 30_000);
  await page.locator('.notifications-toasts', { hasText: 'Saved sample-content.van-gogh-night-cafe.png.' }).waitFor({ timeout: 10_000 });
  // the explorer lists the new file (its rows move as it does) before anything else is clicked there
  await explorerRow(page, 'sample-content.van-gogh-night-cafe.png').waitFor({ timeout: 10_000 });
  assert.ok(existsSync(saved), `${saved} is written`);
  const png = readFileSync(saved);
  const { format, width, height } = await sharp(png).metadata();
  assert.equal(format, 'png');
  assert.equal(Math.max(width ?? 0, height ?? 0), size, 'the result at the preview size');
  const content = await sharp(readFileSync(join(EXTENSION_DIR, 'media/sample-content.jpg')))
    .resize(width, height, { fit: 'fill' })
    .png()
    .toBuffer();
  const diff = meanAbsDiff((await rgbaPixels(png)).data, (await rgbaPixels(content)).data);
  assert.ok(diff > 3, `the saved result is styled, not the sample (mean |Δ| = ${diff.toFixed(2)})`);
}

/** Asserts that no webview logged an error and that nothing left 127.0.0.1, in the browser or in code-server. */
async function assertQuietAndLocal({ requests, webviewErrors, server }: Session): Promise<void> {
  assert.deepEqual(webviewErrors, []);
  const outside: string[] = [];
  for (const request of requests) {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') continue;
    // the webview's resources (https://*.vscode-resource.vscode-cdn.net/…) are answered by VS
    // Code's service worker, from the workbench on 127.0.0.1: they never reach the network
    if ((await request.response())?.fromServiceWorker() === true) continue;
    // …or, when the page drops one before the answer (an image tab replaced while it loads),
    // aborted in the page: never sent anywhere
    if (url.hostname.endsWith('.vscode-resource.vscode-cdn.net') && request.failure()?.errorText === 'net::ERR_ABORTED') continue;
    outside.push(`${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'sent'})`);
  }
  assert.deepEqual(outside, [], 'the browser asked nothing of any other host');
  const { watched, leaks } = server.network();
  assert.ok(watched.length >= 2, `the guard watched code-server and its extension host (${watched.join('; ')})`);
  assert.deepEqual(leaks, [], 'code-server connected to no other host');
}

const PREVIEW_SIZE =
  SCREENSHOTS === undefined
    ? 128
    : Number(
        JSON.parse(readFileSync(join(EXTENSION_DIR, 'package.json'), 'utf8')).contributes.configuration.properties['nst.preview.size']
          .default,
      );

describe('the Style Preview in a real VS Code (code-server 4.100.3)', { skip: SKIP && 'NST_SKIP_REAL_VSCODE=1', timeout: 900_000 }, () => {
  let session: Session | undefined;

  before(async () => {
    const seconds = installCodeServer();
    if (seconds > 5) console.log(`code-server installed in ${seconds.toFixed(0)} s`);
    session = await openSession(SETTINGS);
  });

  after(async () => {
    await session?.close();
  });

  test('Open Style Preview on an image: fingerprint, palette, the styled sample, and Save writes a PNG next to the picture', async () => {
    const { page } = session!;
    await previewAndSave(
      session!,
      PREVIEW_SIZE,
      SCREENSHOTS === undefined ? undefined : () => page.screenshot({ path: join(SCREENSHOTS, 'style-preview.png') }),
    );
  });

  test('Compare Styles on three images shows the table of style distances', async () => {
    const { page } = session!;
    const images = ['van-gogh-night-cafe.png', 'van-gogh-langlois-bridge.png', 'brick-texture.jpg'];
    await runFromExplorer(page, images, 'Compare Styles');
    const frame = await webviewFrame(page, 'compare');
    await waitUnlessError(frame, '#distances:visible', 'Compare Styles');
    const { values, nearest } = await readDistances(frame);
    assertDistanceTable(values, 3);
    assert.deepEqual(
      nearest.map((name) => images.includes(name)),
      [true, true, true],
    );
    const thumbnails = await frame
      .locator('#distances thead img')
      .evaluateAll((imgs: HTMLImageElement[]) => imgs.map((img) => img.complete && img.naturalWidth > 0));
    assert.deepEqual(thumbnails, [true, true, true], 'every image shows in the table head');
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'compare-styles.png') });
  });

  test('no webview logged an error, and nothing left 127.0.0.1', async () => {
    await assertQuietAndLocal(session!);
  });
});

describe(
  'the Style Preview as a web extension, in the same VS Code’s web worker extension host',
  { skip: SKIP && 'NST_SKIP_REAL_VSCODE=1', timeout: 900_000 },
  () => {
    let session: Session | undefined;

    before(async () => {
      installCodeServer();
      // `remote.extensionKind` runs the extension in the browser's web worker host; without the
      // Node bundle in the installed extension, only package.json's `browser` entry can run
      session = await openSession({ ...SETTINGS, 'remote.extensionKind': { 'nst.nst-style-preview': ['web'] } }, ['dist/extension.cjs']);
    });

    after(async () => {
      await session?.close();
    });

    test('the `browser` bundle alone opens the Style Preview, styles the sample and saves through workspace.fs', async () => {
      await previewAndSave(session!, PREVIEW_SIZE);
      await assertQuietAndLocal(session!);
      assert.doesNotMatch(session!.server.log(), /nst-style-preview.*(error|failed)/i);
    });
  },
);
