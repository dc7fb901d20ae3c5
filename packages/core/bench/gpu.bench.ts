/**
 * `npm run bench:gpu -w @nst/core`, for a machine with a GPU, run as it is: seconds per stylize
 * iteration (Adam, one stage, untiled) at 512² and 1024² on WebGPU through Dawn's own backend
 * (Vulkan, Metal or D3D12), with the tfjs kernel dispatches and GPU→CPU readbacks of one iteration
 * and its peak tensor memory; against the native CPU engine and, where PyTorch sees CUDA, PyTorch
 * on the GPU running the same objective (bench/torch-peer.py with NST_TORCH_DEVICE=cuda). Prints a
 * markdown table; it writes no README section until it has run on a GPU.
 * NST_BENCH_SIZES (default 512,1024) and NST_GPU_SOFTWARE=1 (take a software adapter, to try the
 * script on a machine without a GPU) change the run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initBackend, messageOf, tf } from '../src/index.js';
import { machine, median, secondsPerStylizeIteration, table } from './bench-report.js';

const SIZES = (process.env.NST_BENCH_SIZES ?? '512,1024').split(',').map(Number);

/** Kernel dispatches, readbacks and peak bytes of a stylize of `iterations` iterations, from tf.profile and a count of the backend's reads. */
async function countRun(size: number, iterations: number): Promise<{ kernels: number; readbacks: number; peakMb: number }> {
  const backend = tf.backend();
  let readbacks = 0;
  const [read, readSync] = [backend.read.bind(backend), backend.readSync.bind(backend)];
  backend.read = (dataId) => {
    readbacks++;
    return read(dataId);
  };
  backend.readSync = (dataId) => {
    readbacks++;
    return readSync(dataId);
  };
  try {
    const info = await tf.profile(() => secondsPerStylizeIteration(size, { iterations, tileSize: size }));
    return { kernels: info.kernels.length, readbacks, peakMb: Math.round(info.peakBytes / 2 ** 20) };
  } finally {
    Object.assign(backend, { read, readSync });
  }
}

/** One iteration's dispatches and readbacks: a run of three iterations less a run of two (the set-up cancels out). */
async function oneIteration(size: number): Promise<{ kernels: number; readbacks: number; peakMb: number }> {
  const [two, three] = [await countRun(size, 2), await countRun(size, 3)];
  return { kernels: three.kernels - two.kernels, readbacks: three.readbacks - two.readbacks, peakMb: three.peakMb };
}

function torchCuda(size: number): string {
  try {
    const script = fileURLToPath(new URL('./torch-peer.py', import.meta.url));
    const out = execFileSync('/usr/bin/python3', [script, 'iteration', String(size), '1', '3'], {
      encoding: 'utf8',
      env: { ...process.env, NST_TORCH_DEVICE: 'cuda' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return median((JSON.parse(out) as { seconds: number[] }).seconds).toFixed(4);
  } catch (error) {
    const said = ((error as { stderr?: string }).stderr ?? messageOf(error)).trim().split('\n').at(-1) ?? '';
    return `– (${said.slice(0, 80)})`;
  }
}

const rows: string[][] = [['size', 'WebGPU s/it', 'dispatches / it', 'readbacks / it', 'peak MB', 'native s/it', 'PyTorch CUDA s/it']];
const report = await initBackend({ backend: 'webgpu', allowSoftwareGpu: process.env.NST_GPU_SOFTWARE === '1' });
const adapter =
  report.adapter === undefined ? 'no adapter' : [report.adapter.vendor, report.adapter.device, report.adapter.description].join(' ');
for (const size of SIZES) {
  await initBackend({ backend: 'webgpu', allowSoftwareGpu: process.env.NST_GPU_SOFTWARE === '1' });
  await secondsPerStylizeIteration(size, { iterations: 3, tileSize: size }); // warm-up: shaders compiled
  const gpu = await secondsPerStylizeIteration(size, { tileSize: size });
  const counts = await oneIteration(size);
  await initBackend({ backend: 'native' });
  await secondsPerStylizeIteration(size, { iterations: 3, tileSize: size });
  const native = await secondsPerStylizeIteration(size, { tileSize: size });
  rows.push([
    `${size}²`,
    gpu.toFixed(4),
    String(counts.kernels),
    String(counts.readbacks),
    String(counts.peakMb),
    native.toFixed(4),
    torchCuda(size),
  ]);
  console.log(rows.at(-1)!.join(' | '));
}
console.log(`\n${table(rows)}\n\nWebGPU on ${adapter}; native on ${machine()}.`);
