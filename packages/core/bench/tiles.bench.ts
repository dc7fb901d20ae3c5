/**
 * `npm run bench` (large images): runs `readme`, which regenerates the README's table of large
 * images; each figure from its own process on a quiet machine (nothing here is a test):
 *   - a whole stylize of a 2048 px photo (default schedule, NST_BENCH_ITERATIONS, default 100) with
 *     1 and every-core workers, and PyTorch running the same stages on every core;
 *   - peak RSS of stylize at 1024², 2048² and 4096² (L-BFGS: three iterations a stage, every-core workers; Adam: one), and
 *     at 4096² with Adam on one worker;
 *   - tiled vs untiled seconds per evaluation at 512² (tiles of 256), interleaved rounds.
 * The modes one at a time:
 *
 *   node --import tsx bench/tiles.bench.ts overhead [size=512] [tileSize=256] [rounds=5]
 *     seconds per evaluation (J and ∂J/∂x) of the embedded network on wasm, untiled vs tiled,
 *     interleaved rounds, medians.
 *   node --import tsx bench/tiles.bench.ts workers [size=1024] [tileSize=512] [rounds=3] [counts=1,2]
 *     seconds per tiled evaluation with 1, 2, … worker threads (and in-thread), medians.
 *   node --import tsx bench/tiles.bench.ts memory [sizes=1024,2048] [tileSize=256] [workers=1]   (memory-child SIZE TILE WORKERS [adam])
 *     peak RSS of a stylize with the default stages, three iterations each per size, tiled vs
 *     untiled, each in its own process.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConvNet, createDefaultNetwork, initBackend, rgbTensor, stylize, stylizeSchedule, tf } from '../src/index.js';
import { machine, median, spread, table, torchPeer, torchVersion, writeReadmeSection } from './bench-report.js';
import { createStyleObjective, type StyleObjective } from '../src/optimize/style-objective.js';
import { resolveStylizeOptions } from '../src/optimize/stylize-options.js';
import { painting, photo } from '../src/testing/images.js';
import { InThreadExecutor, type TileExecutor } from '../src/tiling/tile-executor.js';
import { createWorkerPool } from '../src/tiling/tile-pool.js';
import { createTiledObjective } from '../src/tiling/tiled-objective.js';
import { pixelsOf } from '../src/image/pixels.js';

const [mode = 'readme', ...rest] = process.argv.slice(2);
const arg = (i: number, fallback: string) => rest[i] ?? fallback;

async function setup(size: number) {
  await initBackend({ backend: 'wasm' });
  const network = createDefaultNetwork();
  if (!(network instanceof ConvNet)) throw new Error('the default network is a ConvNet');
  const content = photo(size, size);
  const o = resolveStylizeOptions({ content, styles: [{ image: painting(size, size) }], maxSize: size }, network);
  const contentRgb = rgbTensor(content);
  const styles = [rgbTensor(o.styles[0]!.image)];
  return { network, o, contentRgb, styles };
}

async function secondsPerEvaluation(objective: StyleObjective, x: tf.Tensor4D): Promise<number> {
  const started = performance.now();
  (await objective.evaluate(x)).gradient.dispose();
  return (performance.now() - started) / 1000;
}

async function overhead() {
  const [size, tileSize, rounds] = [Number(arg(0, '512')), Number(arg(1, '256')), Number(arg(2, '5'))];
  const { network, o, contentRgb, styles } = await setup(size);
  const untiled = await createStyleObjective(network, o, contentRgb, styles);
  const tiled = await createTiledObjective(network, o, await pixelsOf(contentRgb), styles, {
    tileSize,
    executor: new InThreadExecutor(network),
  });
  await secondsPerEvaluation(untiled, contentRgb);
  await secondsPerEvaluation(tiled, contentRgb);
  const times = { untiled: [] as number[], tiled: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    times.untiled.push(await secondsPerEvaluation(untiled, contentRgb));
    times.tiled.push(await secondsPerEvaluation(tiled, contentRgb));
  }
  const [u, t] = [median(times.untiled), median(times.tiled)];
  console.log(`| ${size}² wasm | untiled ${u.toFixed(3)} s | tiles of ${tileSize}: ${t.toFixed(3)} s | ${(t / u).toFixed(2)}× |`);
  return { size, tileSize, times };
}

async function workers() {
  const [size, tileSize, rounds] = [Number(arg(0, '1024')), Number(arg(1, '512')), Number(arg(2, '3'))];
  const counts = arg(3, `1,2${availableParallelism() > 2 ? `,${availableParallelism()}` : ''}`)
    .split(',')
    .map(Number);
  const { network, o, contentRgb, styles } = await setup(size);
  const rows: string[] = [];
  for (const n of [0, ...counts]) {
    const executor: TileExecutor | undefined = n === 0 ? new InThreadExecutor(network) : await createWorkerPool(network, { workers: n });
    if (executor === undefined) throw new Error('no worker_threads here');
    const objective = await createTiledObjective(network, o, await pixelsOf(contentRgb), styles, { tileSize, executor });
    await secondsPerEvaluation(objective, contentRgb);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) times.push(await secondsPerEvaluation(objective, contentRgb));
    objective.dispose();
    await executor.dispose();
    rows.push(
      `| ${size}² tiles of ${tileSize} | ${n === 0 ? 'in-thread' : `${n} worker${n > 1 ? 's' : ''}`} | ${median(times).toFixed(3)} s |`,
    );
    console.log(rows.at(-1));
  }
}

async function memoryChild() {
  const [size, tileSize, workers] = [Number(arg(0, '1024')), Number(arg(1, '256')), Number(arg(2, '1'))];
  const optimizer = arg(3, 'lbfgs') === 'adam' ? 'adam' : 'lbfgs';
  await initBackend({ backend: 'wasm' });
  await stylize({
    content: photo(size, size),
    styles: [{ image: painting(512, 512) }],
    maxSize: size,
    // Three iterations a stage: L-BFGS holds an (s, y) pair from the second on (Adam's state does not grow: one).
    iterations: (optimizer === 'adam' ? 1 : 3) * stylizeSchedule({ content: { width: size, height: size }, maxSize: size }).length,
    tileSize,
    workers,
    optimizer,
    shifts: 1,
  });
  console.log(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function memory() {
  const sizes = arg(0, '1024,2048').split(',').map(Number);
  const [tileSize, workers] = [arg(1, '256'), arg(2, '1')];
  const self = fileURLToPath(import.meta.url);
  for (const size of sizes) {
    for (const [label, tile] of [
      ['untiled', String(size)],
      [`tiles of ${tileSize}`, tileSize],
    ] as const) {
      let result: string;
      try {
        const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'memory-child', String(size), tile, workers], {
          encoding: 'utf8',
        });
        result = `${JSON.parse(out.trim().split('\n').at(-1)!).maxRssMb} MB`;
      } catch (error) {
        result = `failed: ${
          (error as { stderr?: string }).stderr
            ?.split('\n')
            .find((l) => /Error/.test(l))
            ?.slice(0, 160) ?? String(error)
        }`;
      }
      console.log(`| ${size}² | ${label} | ${workers} worker(s) | peak RSS ${result} |`);
    }
  }
}

/** A whole stylize in this process: `stylize-child WIDTH HEIGHT ITERATIONS WORKERS`; prints seconds and peak RSS. */
async function stylizeChild() {
  const [width, height, iterations, workers] = [arg(0, '2048'), arg(1, '1365'), arg(2, '100'), arg(3, '1')].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  await initBackend({ backend: 'wasm' });
  const started = performance.now();
  await stylize({
    content: photo(width, height),
    styles: [{ image: painting(700, 560) }],
    maxSize: Math.max(width, height),
    iterations,
    workers,
    shifts: 1,
  });
  console.log(
    JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
  );
}

/** Runs a mode of this file in a fresh process; its last line of JSON. */
function child<T>(...args: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

async function readme() {
  const iterations = Number(process.env.NST_BENCH_ITERATIONS ?? '100');
  const cores = availableParallelism();
  const torch = torchVersion();
  const [width, height] = [2048, 1365];
  type Run = { seconds: number; maxRssMb: number };
  const rows: string[][] = [
    ['measurement', 'ours, 1 worker', `ours, ${cores} workers`, `PyTorch, ${cores} threads`, 'ours best vs PyTorch'],
  ];

  // A whole stylize of a 2048 px photo, and PyTorch on the same stages.
  const one = child<Run>('stylize-child', String(width), String(height), String(iterations), '1');
  const all = child<Run>('stylize-child', String(width), String(height), String(iterations), String(cores));
  const stages = stylizeSchedule({ content: { width, height }, maxSize: width, iterations });
  const peer =
    torch === undefined
      ? undefined
      : torchPeer<{ seconds: number }>(['schedule', ...stages.map((s) => `${s.width}x${s.height}x${s.iterations}`), String(cores)]);
  const best = Math.min(one.seconds, all.seconds);
  rows.push([
    `stylize ${width}×${height}, ${iterations} iterations in ${stages.length} stages: seconds (peak RSS)`,
    `${one.seconds.toFixed(0)} s (${one.maxRssMb} MB)`,
    `${all.seconds.toFixed(0)} s (${all.maxRssMb} MB)`,
    peer === undefined ? '–' : `${peer.seconds.toFixed(0)} s`,
    peer === undefined ? '–' : `${(peer.seconds / best).toFixed(2)}×`,
  ]);
  rows.push(['speed-up from 1 to all workers', '', `${(one.seconds / all.seconds).toFixed(2)}×`, '', '']);

  // Peak memory by size.
  for (const size of [1024, 2048, 4096]) {
    const { maxRssMb } = child<{ maxRssMb: number }>('memory-child', String(size), '256', String(cores));
    rows.push([`peak RSS, stylize ${size}×${size}, L-BFGS (three iterations a stage)`, '', `${maxRssMb} MB`, '', '']);
  }
  const frugal = child<{ maxRssMb: number }>('memory-child', '4096', '256', '1', 'adam');
  rows.push(['peak RSS, stylize 4096×4096, Adam (one iteration a stage)', `${frugal.maxRssMb} MB`, '', '', '']);

  // Tile overhead.
  const { times } = await overhead();
  rows.push([
    `seconds per evaluation at 512², untiled → tiles of 256 (${times.tiled.length} rounds)`,
    `${spread(times.untiled, 3)} → ${spread(times.tiled, 3)}: ${(median(times.tiled) / median(times.untiled)).toFixed(2)}×`,
    '',
    '',
    '',
  ]);

  writeReadmeSection(
    'large-images',
    `${table(rows)}\n\nOn wasm, ${machine()}${torch === undefined ? '; PyTorch not installed' : `, PyTorch ${torch}`}; default tiles (256 px); one run each` +
      ` except the overhead's interleaved rounds (median, min–max). "ours best vs PyTorch" above 1× means ours is faster.`,
  );
}

const modes: Record<string, () => unknown> = {
  readme,
  overhead,
  workers,
  memory,
  'memory-child': memoryChild,
  'stylize-child': stylizeChild,
};
const run = modes[mode];
if (run === undefined) throw new Error(`mode ${mode}: choose ${Object.keys(modes).join(', ')}`);
await run();
