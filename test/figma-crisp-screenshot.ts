/**
 * Makes `apps/figma-plugin/docs/keep-text-crisp.png`, the README's picture of *Keep text crisp*:
 * the real plugin (main thread on the fake Figma, built UI in headless Chromium) styles a hero
 * section with a photo background, a headline, a button and an icon, then the document is drawn
 * as Figma's canvas would show it (`canvasHtml`): the original and the styled copy side by side.
 * The styled picture is the plugin's own result; the text on it is live text, drawn by the browser.
 *
 *   npm run build && node --import tsx test/figma-crisp-screenshot.ts [out.png]
 *
 * A few minutes on 2 idle CPU cores (WebAssembly). Not part of the test suite.
 */
import { writeFileSync } from 'node:fs';
import { launchChromium } from './browser.js';
import { heroScene } from './figma-hero-scene.js';
import { canvasHtml } from './figma-canvas.js';
import { openUi } from './figma-ui-harness.js';

const out = process.argv[2] ?? new URL('../apps/figma-plugin/docs/keep-text-crisp.png', import.meta.url).pathname;
const photo = new URL('../apps/cli/samples/coffee.png', import.meta.url).pathname;

const browser = await launchChromium();
try {
  const { figma, hero } = await heroScene(photo, { size: 360, iterations: 60 });
  const page = await browser.context.newPage();
  const { frame: ui } = await openUi(page, figma);
  await ui.locator('#backend-info', { hasText: /^Runs on/ }).waitFor({ timeout: 60_000 });
  const started = performance.now();
  await ui.locator('#run').click();
  const status = ui.locator('#status');
  const ticker = setInterval(
    () =>
      void status.textContent().then(
        (text) => console.log(text),
        () => undefined,
      ),
    20_000,
  );
  const done = await figma.ui.next('done').finally(() => clearInterval(ticker));
  if (done.placed !== 1) throw new Error(`the run placed ${done.placed} results: ${JSON.stringify(done.skipped)}`);
  console.log(`styled in ${((performance.now() - started) / 1000).toFixed(0)} s on ${await ui.locator('#backend-info').textContent()}`);
  const result = figma.page.children[1]!;
  const canvas = await browser.context.newPage();
  await canvas.setViewportSize({ width: 900, height: 400 });
  await canvas.setContent(
    canvasHtml(figma, [
      { node: hero.frame, caption: 'Hero (the original)' },
      { node: result, caption: 'Hero · The Night Café — Keep text crisp: text live on top' },
    ]),
  );
  writeFileSync(out, await canvas.locator('#canvas').screenshot());
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
