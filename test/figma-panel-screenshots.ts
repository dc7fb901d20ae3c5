/**
 * Makes `apps/figma-plugin/docs/panel.png`, the README's picture of the plugin's panel at the size
 * `figma.showUI` opens it (`PANEL_SIZE`), three times: the estimate before a run, a run in
 * progress with its preview, and the finished preview. The real plugin: main thread on the fake
 * Figma, built UI in headless Chromium, on WebAssembly. At each step it checks that the Style (or,
 * during a run, Cancel) button is in view without scrolling, and fails if not.
 *
 *   npm run build && node --import tsx test/figma-panel-screenshots.ts [out.png]
 *
 * A few minutes on 2 busy CPU cores. Not part of the test suite.
 */
import { writeFileSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import sharp from 'sharp';
import { PANEL_SIZE } from '@nst/figma-plugin/panel-size';
import { launchChromium } from './browser.js';
import { heroScene } from './figma-hero-scene.js';
import { inView, openUi, placeInPanel } from './figma-ui-harness.js';

const out = process.argv[2] ?? new URL('../apps/figma-plugin/docs/panel.png', import.meta.url).pathname;
const photo = new URL('../apps/cli/samples/coffee.png', import.meta.url).pathname;
const GAP = 16;

/** Throws unless `selector` lies wholly inside the panel as it is, unscrolled. */
async function assertInView(ui: FrameLocator, selector: string, when: string): Promise<void> {
  const box = await placeInPanel(ui, selector);
  if (!inView(box)) {
    throw new Error(
      `${when}: ${selector} is out of view (${box.top.toFixed(0)}–${box.bottom.toFixed(0)} px of ${box.height}, scrolled ${box.scrollY})`,
    );
  }
  console.log(`${when}: ${selector} in view at ${box.top.toFixed(0)}–${box.bottom.toFixed(0)} px of ${box.height}`);
}

/** The panel (the harness's iframe) as a PNG. */
const shot = (page: Page) => page.locator('#ui').screenshot();

const browser = await launchChromium();
try {
  const { figma } = await heroScene(photo, { size: 512, iterations: 80 });
  const page = await browser.context.newPage();
  await page.setViewportSize(PANEL_SIZE);
  const { frame: ui } = await openUi(page, figma);
  await ui.locator('#backend-info', { hasText: /^Runs on/ }).waitFor({ timeout: 60_000 });
  // Picking a long quality measures this machine's speed; back on Standard, the estimate stays.
  await ui.locator('#quality').selectOption('high');
  await ui.locator('#estimate:not([hidden])').waitFor({ timeout: 120_000 });
  await ui.locator('#quality').selectOption('standard');
  await assertInView(ui, '#run', 'with the estimate');
  console.log(`estimate: ${await ui.locator('#estimate').textContent()}; ${await ui.locator('#backend-info').textContent()}`);
  const estimate = await shot(page);

  const started = performance.now();
  await ui.locator('#run').click();
  await ui.locator('#preview:not([hidden])').waitFor({ timeout: 300_000 });
  await ui.locator('#status', { hasText: /left/ }).waitFor({ timeout: 300_000 });
  await assertInView(ui, '#cancel', 'during the run');
  const running = await shot(page);

  const done = await figma.ui.next('done');
  if (done.placed !== 1) throw new Error(`the run placed ${done.placed} results: ${JSON.stringify(done.skipped)}`);
  await ui.locator('#run:not([disabled])').waitFor();
  await assertInView(ui, '#run', 'with the finished preview');
  console.log(`styled in ${((performance.now() - started) / 1000).toFixed(0)} s; status: ${await ui.locator('#status').textContent()}`);
  const finished = await shot(page);

  const { width, height } = PANEL_SIZE;
  const png = await sharp({ create: { width: 3 * width + 4 * GAP, height: height + 2 * GAP, channels: 3, background: '#d9d9d9' } })
    .composite([estimate, running, finished].map((input, i) => ({ input, left: GAP + i * (width + GAP), top: GAP })))
    .png()
    .toBuffer();
  writeFileSync(out, png);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
