/**
 * Seconds for one result of the CLI's defaults (100 iterations, two stages) on wasm, coffee ×
 * Night Café, for each @nst/core build given, run alternately in fresh processes so the machine's
 * drift hits both alike. How quality-study.md's "Time" table was measured: build an earlier
 * version's core in a worktree (`git worktree add ../old <commit> && (cd ../old && npm ci &&
 * npx tsc -p packages/core/tsconfig.build.json)`), then
 *   node --import tsx bench/time-versions.ts <size> <rounds> ../../../old/packages/core/dist/index.js ../../packages/core/dist/index.js
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import sharp from 'sharp';

const IMAGES = new URL('../../../../shared/images/', import.meta.url).pathname;

async function load(path: string) {
  const { data, info } = await sharp(path).resize(512, 512, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

const [sizeText = '256', roundsText = '2', ...cores] = process.argv.slice(2);
if (process.env['NST_TIME_CORE'] !== undefined) {
  // One measurement, in this child process.
  const { initBackend, stylize } = (await import(process.env['NST_TIME_CORE'])) as typeof import('@nst/core');
  await initBackend({ backend: 'wasm' });
  const content = await load(`${IMAGES}content/coffee.png`);
  const style = await load(`${IMAGES}style/van-gogh-night-cafe.png`);
  const started = performance.now();
  await stylize({ content, styles: [{ image: style }], maxSize: Number(sizeText), iterations: 100 });
  console.log(((performance.now() - started) / 1000).toFixed(1));
} else {
  console.log(`| core | ${sizeText} px, s per result |\n|---|---|`);
  const times = new Map<string, string[]>(cores.map((c) => [c, []]));
  for (let round = 0; round < Number(roundsText); round++) {
    for (const core of cores) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, sizeText], {
        env: { ...process.env, NST_TIME_CORE: resolve(core) },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      times.get(core)!.push(out.trim().split('\n').at(-1) ?? '');
    }
  }
  for (const [core, list] of times) console.log(`| ${core} | ${list.join(', ')} |`);
}
