/**
 * How much the Figma panel gains from its tile workers: the real plugin (main thread on the fake
 * Figma, built UI as a `data:` URL in headless Chromium, under the CSP test's policy) styles the
 * README's 360×225 frame at Standard (512 px, 80 iterations) on WebAssembly, with `blob:` workers
 * allowed and with `worker-src 'none'` (the tiles then run in the page), in alternating rounds.
 * Writes seconds from Style to the placed result, and the ratio, into the plugin's README
 * (section `figma-workers`).
 *
 *   npm run build && node --import tsx test/figma-workers-speed.ts [rounds]
 *
 * A minute or two on 2 cores, alone. Not part of the test suite.
 */
import { availableParallelism, cpus } from 'node:os';
import { writeReadmeSection } from '@nst/config/readme-section';
import { launchChromium } from './browser.js';
import { heroScene } from './figma-hero-scene.js';
import { openUi, policy } from './figma-ui-harness.js';

const README = new URL('../apps/figma-plugin/README.md', import.meta.url).pathname;
const photo = new URL('../apps/cli/samples/coffee.png', import.meta.url).pathname;
const rounds = Number(process.argv[2] ?? 2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Seconds to style the hero frame under `csp`, and what the panel says it runs on. */
async function styleOnce(browser: Awaited<ReturnType<typeof launchChromium>>, csp: string) {
  const { figma } = await heroScene(photo, { size: 512, iterations: 80 });
  const page = await browser.context.newPage();
  const { frame: ui } = await openUi(page, figma, csp);
  await ui.locator('#backend').selectOption('wasm');
  await ui.locator('#backend-info', { hasText: /^Runs on WebAssembly/ }).waitFor({ timeout: 120_000 });
  const runsOn = (await ui.locator('#backend-info').textContent()) ?? '';
  const started = performance.now();
  await ui.locator('#run').click();
  const done = await figma.ui.next('done');
  const seconds = (performance.now() - started) / 1000;
  if (done.placed !== 1) throw new Error(`the run placed ${done.placed} results: ${JSON.stringify(done.skipped)}`);
  await page.close();
  return { seconds, runsOn };
}

const browser = await launchChromium();
try {
  const times = { workers: [] as number[], page: [] as number[] };
  const lines = new Set<string>();
  for (let r = 0; r < rounds; r++) {
    for (const [key, csp] of [
      ['workers', policy()],
      ['page', policy({ 'worker-src': "'none'" })],
    ] as const) {
      const { seconds, runsOn } = await styleOnce(browser, csp);
      times[key].push(seconds);
      lines.add(runsOn);
      console.log(`round ${r + 1}, ${runsOn}: ${seconds.toFixed(1)} s`);
    }
  }
  const [workers, page] = [median(times.workers), median(times.page)];
  writeReadmeSection(
    README,
    'figma-workers',
    `On ${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, the 360×225 frame at Standard on WebAssembly, Style to placed result, ` +
      `median of ${rounds} alternating rounds: ${workers.toFixed(1)} s on the workers ("${[...lines][0]}"), ${page.toFixed(1)} s in the page, ` +
      `${(page / workers).toFixed(2)}× (only the 512 px stage is tiled; the smaller ones run in the page either way).`,
  );
} finally {
  await browser.close();
}
