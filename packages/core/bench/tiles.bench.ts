/**
 * Tiling's costs, for issue 11's figures (run on a quiet machine; nothing here is a test):
 *
 *   node --import tsx bench/tiles.bench.ts overhead [size=512] [tileSize=256] [rounds=5]
 *     seconds per evaluation (J and ∂J/∂x) of the embedded network on wasm, untiled vs tiled,
 *     interleaved rounds, medians.
 *   node --import tsx bench/tiles.bench.ts workers [size=1024] [tileSize=512] [rounds=3] [counts=1,2]
 *     seconds per tiled evaluation with 1, 2, … worker threads (and in-thread), medians.
 *   node --import tsx bench/tiles.bench.ts memory [sizes=1024,2048] [tileSize=512] [workers=1]
 *     peak RSS of a stylize (2 iterations, 1 stage, Adam) per size, tiled vs untiled, each in its own process.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConvNet, createDefaultNetwork, initBackend, rgbTensor, stylize, tf } from '../src/index.js';
import { createStyleObjective, type StyleObjective } from '../src/optimize/style-objective.js';
import { resolveStylizeOptions } from '../src/optimize/stylize-options.js';
import { painting, photo } from '../src/testing/images.js';
import { InThreadExecutor, type TileExecutor } from '../src/tiling/tile-executor.js';
import { createWorkerPool } from '../src/tiling/tile-pool.js';
import { createTiledObjective } from '../src/tiling/tiled-objective.js';
import { pixelsOf } from '../src/image/pixels.js';

const [mode = 'overhead', ...rest] = process.argv.slice(2);
const arg = (i: number, fallback: string) => rest[i] ?? fallback;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

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
  const tiled = await createTiledObjective(network, o, await pixelsOf(contentRgb), styles, { tileSize, executor: new InThreadExecutor(network) });
  await secondsPerEvaluation(untiled, contentRgb);
  await secondsPerEvaluation(tiled, contentRgb);
  const times = { untiled: [] as number[], tiled: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    times.untiled.push(await secondsPerEvaluation(untiled, contentRgb));
    times.tiled.push(await secondsPerEvaluation(tiled, contentRgb));
  }
  const [u, t] = [median(times.untiled), median(times.tiled)];
  console.log(`| ${size}² wasm | untiled ${u.toFixed(3)} s | tiles of ${tileSize}: ${t.toFixed(3)} s | ${(t / u).toFixed(2)}× |`);
}

async function workers() {
  const [size, tileSize, rounds] = [Number(arg(0, '1024')), Number(arg(1, '512')), Number(arg(2, '3'))];
  const counts = arg(3, `1,2${availableParallelism() > 2 ? `,${availableParallelism()}` : ''}`).split(',').map(Number);
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
    rows.push(`| ${size}² tiles of ${tileSize} | ${n === 0 ? 'in-thread' : `${n} worker${n > 1 ? 's' : ''}`} | ${median(times).toFixed(3)} s |`);
    console.log(rows.at(-1));
  }
}

async function memoryChild() {
  const [size, tileSize, workers] = [Number(arg(0, '1024')), Number(arg(1, '512')), Number(arg(2, '1'))];
  await initBackend({ backend: 'wasm' });
  await stylize({ content: photo(size, size), styles: [{ image: painting(512, 512) }], maxSize: size, iterations: 2, stages: 1, optimizer: 'adam', tileSize, workers });
  console.log(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function memory() {
  const sizes = arg(0, '1024,2048').split(',').map(Number);
  const [tileSize, workers] = [arg(1, '512'), arg(2, '1')];
  const self = fileURLToPath(import.meta.url);
  for (const size of sizes) {
    for (const [label, tile] of [['untiled', String(size)], [`tiles of ${tileSize}`, tileSize]] as const) {
      let result: string;
      try {
        const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'memory-child', String(size), tile, workers], { encoding: 'utf8' });
        result = `${JSON.parse(out.trim().split('\n').at(-1)!).maxRssMb} MB`;
      } catch (error) {
        result = `failed: ${(error as { stderr?: string }).stderr?.split('\n').find((l) => /Error/.test(l))?.slice(0, 160) ?? String(error)}`;
      }
      console.log(`| ${size}² | ${label} | ${workers} worker(s) | peak RSS ${result} |`);
    }
  }
}

const modes: Record<string, () => unknown> = { overhead, workers, memory, 'memory-child': memoryChild };
const run = modes[mode];
if (run === undefined) throw new Error(`mode ${mode}: choose ${Object.keys(modes).join(', ')}`);
await run();
