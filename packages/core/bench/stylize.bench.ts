/**
 * `npm run bench` (second table): seconds per stylize iteration at 256² and 512², for the embedded
 * network and for VGG-19's shape (random weights), on each backend, with peak tensor memory, against
 * the same networks with stock tfjs gradients run in the same process; and, when Debian's
 * python3-torch is installed, the same workload in PyTorch. NST_BENCH_SIZES=256,512 and
 * NST_BENCH_BACKENDS=webgpu,wasm,cpu narrow the run (VGG-19 at 512² on llvmpipe takes minutes).
 */
import { execFileSync } from 'node:child_process';
import {
  type BackendName,
  caffePreprocess,
  imagenetPreprocess,
  type ConvNetLayer,
  createDefaultNetwork,
  createVgg19,
  DEFAULT_ARCHITECTURE,
  type FeatureNetwork,
  initBackend,
  randomConvLayers,
  type RgbaImage,
  type StoredWeight,
  stylize,
  tf,
  VGG19_LAYERS,
  messageOf,
} from '../src/index.js';

const SIZES = (process.env.NST_BENCH_SIZES ?? '256,512').split(',').map(Number);
const BACKENDS = (process.env.NST_BENCH_BACKENDS ?? 'webgpu,wasm,cpu').split(',') as BackendName[];

/** The same layers with tfjs's own conv gradients: the "stock tfjs" baseline. */
function stockNetwork(net: FeatureNetwork, layers: readonly ConvNetLayer[], preprocess: (x: tf.Tensor4D) => tf.Tensor4D, padding: 'zero' | 'reflect'): FeatureNetwork {
  const conv = (x: tf.Tensor4D, w: tf.Tensor4D) =>
    padding === 'zero' ? tf.conv2d(x, w, 1, 'same') : tf.conv2d(tf.mirrorPad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect'), w, 1, 'valid');
  const pool = (x: tf.Tensor4D, mode: 'avg' | 'max' | 'blur') => (mode === 'blur' ? tf.avgPool(x, 3, 2, 'same') : mode === 'avg' ? tf.avgPool(x, 2, 2, 'same') : tf.maxPool(x, 2, 2, 'same'));
  const weights = layers.map((l) => (l.kind === 'conv' ? { ...l, w: tf.tensor4d(l.filter, [...l.filterShape]), b: tf.tensor1d(l.bias) } : l));
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


const vggArchitecture = VGG19_LAYERS.flatMap(([name, channels], i) => [
  ...(i > 0 && name.endsWith('_1') ? [{ name: `pool${Number(name[4]) - 1}`, pool: 'avg' as const }] : []),
  { name, channels },
]);
const vggLayers = randomConvLayers(vggArchitecture, 7);
const vggWeights = new Map<string, StoredWeight>();
for (const l of vggLayers) {
  if (l.kind !== 'conv') continue;
  const keras = l.name.replace(/^conv(\d)_(\d)$/, 'block$1_conv$2');
  vggWeights.set(`${keras}/kernel`, { data: l.filter, shape: [...l.filterShape] }).set(`${keras}/bias`, { data: l.bias, shape: [l.bias.length] });
}
const defaultLayers = randomConvLayers(DEFAULT_ARCHITECTURE, 1);

const networks = [
  { name: 'default', make: () => createDefaultNetwork(), stock: (n: FeatureNetwork) => stockNetwork(n, defaultLayers, imagenetPreprocess, 'zero') },
  { name: 'VGG-19', make: () => createVgg19(vggWeights), stock: (n: FeatureNetwork) => stockNetwork(n, vggLayers, caffePreprocess, 'zero') },
];

const image = (size: number, seed: number): RgbaImage => ({
  width: size,
  height: size,
  data: Uint8ClampedArray.from({ length: size * size * 4 }, (_, i) => (i % 4 === 3 ? 255 : (Math.sin(i * 0.37 + seed) * 0.5 + 0.5) * 255)),
});

/** Median seconds per iteration over `n` iterations after one warm-up, and peak bytes of one. */
async function perIteration(network: FeatureNetwork, size: number, n: number): Promise<{ seconds: number; peakMB: number }> {
  const stamps: number[] = [];
  const run = (iterations: number) =>
    stylize({ content: image(size, 1), styles: [{ image: image(size, 2) }], network, maxSize: size, stages: 1, iterations, optimizer: 'adam', onProgress: () => void stamps.push(performance.now()) });
  const profile = await tf.profile(async () => {
    await run(1);
    return [];
  });
  stamps.length = 0;
  const started = performance.now();
  await run(n);
  const deltas = stamps.map((t, i) => t - (i === 0 ? started : stamps[i - 1]!)).sort((a, b) => a - b);
  return { seconds: deltas[Math.floor(deltas.length / 2)]! / 1000, peakMB: profile.peakBytes / 2 ** 20 };
}

function pytorch(network: string, size: number): number | undefined {
  const script = `
import sys, time, torch
torch.manual_seed(0)
name, size = sys.argv[1], int(sys.argv[2])
widths = [32,32,'P',64,64,'P',128,128,'P',256] if name == 'default' else [64,64,'P',128,128,'P',256,256,256,256,'P',512,512,512,512,'P',512]
layers, c = [], 3
for w in widths:
    # the default network pools 3×3 with stride 2 (blurred), as in @nst/core
    if w == 'P': layers.append(torch.nn.AvgPool2d(3, 2, 1, count_include_pad=False) if name == 'default' else torch.nn.AvgPool2d(2)); continue
    conv = torch.nn.Conv2d(c, w, 3, padding=1); torch.nn.init.kaiming_normal_(conv.weight); layers += [conv, torch.nn.ReLU()]; c = w
net = torch.nn.Sequential(*layers).requires_grad_(False)
taps = [i for i, l in enumerate(layers) if isinstance(l, torch.nn.ReLU)]
def feats(x):
    out = []
    for i, l in enumerate(layers):
        x = l(x)
        if i in taps: out.append(x)
    return out
gram = lambda f: (lambda m: m @ m.t())(f.reshape(f.shape[1], -1))
style = [gram(f) for f in feats(torch.rand(1, 3, size, size))]
content = feats(torch.rand(1, 3, size, size))
x = torch.rand(1, 3, size, size, requires_grad=True)
opt = torch.optim.Adam([x], lr=0.05)
times = []
for i in range(4):
    t = time.perf_counter(); opt.zero_grad(); fs = feats(x)
    loss = ((fs[3] - content[3]) ** 2).sum() + sum(((gram(f) - g) ** 2).sum() for f, g in zip(fs, style))
    loss.backward(); opt.step(); times.append(time.perf_counter() - t)
print(sorted(times[1:])[1], torch.get_num_threads())`;
  try {
    const [seconds] = execFileSync('/usr/bin/python3', ['-c', script, network, String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' ');
    return Number(seconds);
  } catch {
    return undefined;
  }
}

const rows: string[][] = [['backend', 'network', 'size', 's/iteration', 'peak MB', 'stock tfjs s/it', 'speed-up', 'PyTorch CPU s/it']];
for (const backend of BACKENDS) {
  let softwareGpu = false;
  try {
    softwareGpu = (await initBackend({ backend })).adapter?.isSoftware === true;
  } catch (error) {
    console.log(`${backend}: skipped, ${messageOf(error)}`);
    continue;
  }
  for (const { name, make, stock } of networks) {
    for (const size of SIZES) {
      // Minutes per iteration: the cpu backend beyond the small case, a software GPU beyond 256².
      if ((backend === 'cpu' && (name !== 'default' || size > 256)) || (softwareGpu && size > 256)) continue;
      const net = make();
      const ours = await perIteration(net, size, 3);
      const baselineNet = stock(net);
      const baseline = await perIteration(baselineNet, size, 3);
      baselineNet.dispose();
      net.dispose();
      const torch = backend === 'wasm' ? pytorch(name === 'default' ? 'default' : 'vgg', size) : undefined;
      rows.push([backend, name, `${size}²`, ours.seconds.toFixed(3), ours.peakMB.toFixed(0), baseline.seconds.toFixed(3), `${(baseline.seconds / ours.seconds).toFixed(2)}×`, torch === undefined ? '–' : `${torch.toFixed(3)} (ours ${(torch / ours.seconds).toFixed(2)}×)`]);
      console.error(rows.at(-1)!.join('  '));
    }
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(['', line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n'));
