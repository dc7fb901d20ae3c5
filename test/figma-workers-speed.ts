/**
 * How much the Figma panel gains from its tile workers: the real plugin (main thread on the fake
 * Figma, built UI as a `data:` URL in headless Chromium, under the CSP test's policy) styles the
 * README's 360×225 frame at Standard (512 px, 80 iterations) on WebAssembly, with `blob:` workers
 * allowed and with `worker-src 'none'` (the tiles then run in the page), in alternating rounds.
 * Prints seconds from Style to the placed result, and the ratio.
 *
 *   npm run build && node --import tsx test/figma-workers-speed.ts [rounds]
 *
 * A minute or two on 2 cores, alone. Not part of the test suite.
 */
import { launchChromium } from './browser.js';
import { heroScene } from './figma-hero-scene.js';
import { openUi, policy } from './figma-ui-harness.js';

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
  console.log(
    `360×225 at Standard on WebAssembly, median of ${rounds}: ${median(times.workers).toFixed(1)} s on workers, ` +
      `${median(times.page).toFixed(1)} s in the page: ${(median(times.page) / median(times.workers)).toFixed(2)}× (${[...lines].join('; ')})`,
  );
} finally {
  await browser.close();
}
