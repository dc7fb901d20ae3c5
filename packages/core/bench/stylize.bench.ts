/**
 * `npm run bench` (second table): seconds per stylize iteration (forward, J, gradient, Adam step)
 * of the embedded network with stylize's objective, untiled, on each backend, with peak tensor
 * memory; against the same network with stock tfjs gradients, and on wasm against PyTorch on the
 * CPU with one thread and with every core (Debian's python3-torch, bench/torch-peer.py). The peers
 * run interleaved, NST_BENCH_ROUNDS rounds (default 3): median and spread (min–max) of the rounds.
 * NST_BENCH_SIZES=256,512 and NST_BENCH_BACKENDS=wasm,webgpu,cpu narrow the run.
 */
import { availableParallelism } from 'node:os';
import {
  type BackendName,
  imagenetPreprocess,
  type ConvNetLayer,
  createDefaultNetwork,
  DEFAULT_ARCHITECTURE,
  type FeatureNetwork,
  initBackend,
  randomConvLayers,
  type RgbaImage,
  stylize,
  tf,
  messageOf,
} from '../src/index.js';
import { machine, median, spread, table, torchPeer, torchVersion, writeReadmeSection } from './bench-report.js';

const SIZES = (process.env.NST_BENCH_SIZES ?? '256,512').split(',').map(Number);
const BACKENDS = (process.env.NST_BENCH_BACKENDS ?? 'wasm,webgpu,cpu').split(',') as BackendName[];
const ROUNDS = Number(process.env.NST_BENCH_ROUNDS ?? '3');

/** The same layers with tfjs's own conv gradients: the "stock tfjs" baseline. */
function stockNetwork(
  net: FeatureNetwork,
  layers: readonly ConvNetLayer[],
  preprocess: (x: tf.Tensor4D) => tf.Tensor4D,
  padding: 'zero' | 'reflect',
): FeatureNetwork {
  const conv = (x: tf.Tensor4D, w: tf.Tensor4D) =>
    padding === 'zero'
      ? tf.conv2d(x, w, 1, 'same')
      : tf.conv2d(
          tf.mirrorPad(
            x,
            [
              [0, 0],
              [1, 1],
              [1, 1],
              [0, 0],
            ],
            'reflect',
          ),
          w,
          1,
          'valid',
        );
  const pool = (x: tf.Tensor4D, mode: 'avg' | 'max' | 'blur') =>
    mode === 'blur' ? tf.avgPool(x, 3, 2, 'same') : mode === 'avg' ? tf.avgPool(x, 2, 2, 'same') : tf.maxPool(x, 2, 2, 'same');
  const weights = layers.map((l) =>
    l.kind === 'conv' ? { ...l, w: tf.tensor4d(l.filter, [...l.filterShape]), b: tf.tensor1d(l.bias) } : l,
  );
  return {
    ...net,
    extract(image, wanted) {
      return tf.tidy(() => {
        const out: Record<string, tf.Tensor4D> = {};
        let x = preprocess(image);
        for (const layer of weights) {
          x = 'w' in layer ? (tf.relu(tf.add(conv(x, layer.w), layer.b)) as tf.Tensor4D) : pool(x, layer.mode);
          if (wanted.includes(layer.name)) out[layer.name] = x;
        }
        return out;
      });
    },
    dispose: () => tf.dispose(weights.flatMap((l) => ('w' in l ? [l.w, l.b] : []))),
  };
}

const defaultLayers = randomConvLayers(DEFAULT_ARCHITECTURE, 1);

const image = (size: number, seed: number): RgbaImage => ({
  width: size,
  height: size,
  data: Uint8ClampedArray.from({ length: size * size * 4 }, (_, i) => (i % 4 === 3 ? 255 : (Math.sin(i * 0.37 + seed) * 0.5 + 0.5) * 255)),
});

/** Median seconds per iteration over 3 iterations after one warm-up, untiled, and peak tensor bytes of one. */
async function perIteration(network: FeatureNetwork, size: number): Promise<{ seconds: number; peakMB: number }> {
  const stamps: number[] = [];
  const run = (iterations: number) =>
    stylize({
      content: image(size, 1),
      styles: [{ image: image(size, 2) }],
      network,
      maxSize: size,
      tileSize: size,
      stages: 1,
      iterations,
      optimizer: 'adam',
      shifts: 1,
      onProgress: () => void stamps.push(performance.now()),
    });
  const profile = await tf.profile(async () => {
    await run(1);
    return [];
  });
  stamps.length = 0;
  await run(4);
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]!);
  return { seconds: median(deltas) / 1000, peakMB: profile.peakBytes / 2 ** 20 };
}

const cores = availableParallelism();
const torch = torchVersion();
const rows: string[][] = [
  [
    'backend',
    'size',
    'ours s/it',
    'peak MB',
    'stock tfjs s/it',
    'ours vs stock',
    `PyTorch 1 thread s/it`,
    `PyTorch ${cores} threads s/it`,
    'ours vs PyTorch (all threads)',
  ],
];
for (const backend of BACKENDS) {
  let softwareGpu = false;
  try {
    softwareGpu = (await initBackend({ backend })).adapter?.isSoftware === true;
  } catch (error) {
    console.log(`${backend}: skipped, ${messageOf(error)}`);
    continue;
  }
  for (const size of SIZES) {
    // Minutes per iteration: the cpu backend and a software GPU beyond 256².
    if ((backend === 'cpu' || softwareGpu) && size > 256) continue;
    const net = createDefaultNetwork();
    const stock = stockNetwork(net, defaultLayers, imagenetPreprocess, 'reflect');
    const times = { ours: [] as number[], stock: [] as number[], torch1: [] as number[], torchN: [] as number[] };
    let peakMB = 0;
    const rounds = backend === 'wasm' ? ROUNDS : 1;
    for (let r = 0; r < rounds; r++) {
      const ours = await perIteration(net, size);
      times.ours.push(ours.seconds);
      peakMB = ours.peakMB;
      times.stock.push((await perIteration(stock, size)).seconds);
      if (backend === 'wasm' && torch !== undefined) {
        times.torch1.push(...torchPeer<{ seconds: number[] }>(['iteration', String(size), '1', '1']).seconds);
        times.torchN.push(...torchPeer<{ seconds: number[] }>(['iteration', String(size), String(cores), '1']).seconds);
      }
      console.error(
        `${backend} ${size}² round ${r + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.at(-1)])))}`,
      );
    }
    stock.dispose();
    net.dispose();
    const label = softwareGpu ? `${backend} (software)` : backend;
    const vsTorch = times.torchN.length > 0 ? `${(median(times.torchN) / median(times.ours)).toFixed(2)}×` : '–';
    rows.push([
      label,
      `${size}²`,
      spread(times.ours, 3),
      peakMB.toFixed(0),
      spread(times.stock, 3),
      `${(median(times.stock) / median(times.ours)).toFixed(2)}×`,
      times.torch1.length > 0 ? spread(times.torch1, 3) : '–',
      times.torchN.length > 0 ? spread(times.torchN, 3) : '–',
      vsTorch,
    ]);
  }
}
writeReadmeSection(
  'stylize',
  `${table(rows)}

Median (min–max) of ${ROUNDS} interleaved rounds on ${machine()}${torch === undefined ? '; PyTorch not installed' : `, PyTorch ${torch}`}. ` +
    `"ours vs …" above 1× means ours is faster.`,
);
