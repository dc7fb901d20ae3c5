/**
 * The one place that chooses the tfjs backend. Everything else in @nst/core runs on whatever
 * backend is active, so apps call {@link initBackend} once at start-up and show its report.
 *
 * The order is WebGPU → WebGL → wasm → cpu. WebGPU comes from `navigator.gpu` in a browser and
 * from Dawn (the optional `webgpu` npm package) in Node, where tfjs finds no GPU by itself. With
 * `backend: 'auto'` a software GPU (llvmpipe, SwiftShader) is passed over, because tfjs's wasm
 * backend is faster than a rasteriser emulated on the CPU; naming the backend forces it.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BackendUnavailableError } from '../errors.js';
import {
  type AdapterSearch,
  type AdapterSummary,
  type GpuSource,
  findAdapters,
  isSoftwareRenderer,
  requestComputeDevice,
} from './webgpu-adapter.js';

/** The tfjs backends @nst/core can run on, best first. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** One of {@link BACKENDS}. */
export type BackendName = (typeof BACKENDS)[number];

/** How {@link initBackend} chooses. */
export interface InitBackendOptions {
  /** `'auto'` (default) takes the best backend that runs here; a name forces that one or throws. */
  readonly backend?: BackendName | 'auto';
  /** Use software GPUs (llvmpipe, SwiftShader) in `'auto'` mode too. Default false. */
  readonly allowSoftwareGpu?: boolean;
  /** A `GPU` to take adapters from instead of `navigator.gpu` or Dawn. */
  readonly gpu?: GPU;
  /** Where the wasm backend's `.wasm` files are served from, for bundled apps (see tfjs's `setWasmPaths`). */
  readonly wasmPaths?: Parameters<typeof setWasmPaths>[0];
  /** Called if the WebGPU device is lost later on (driver reset, GPU removed, tab in the background). */
  readonly onDeviceLost?: (info: { readonly reason: string; readonly message: string }) => void;
}

/** A backend that was not used, and why. */
export interface SkippedBackend {
  readonly backend: BackendName;
  readonly reason: string;
}

/** What {@link initBackend} chose. */
export interface BackendReport {
  readonly backend: BackendName;
  /** The WebGPU adapter, when `backend` is `'webgpu'`. */
  readonly adapter?: AdapterSummary;
  /** The better backends that were skipped, with the reason for each. */
  readonly skipped: readonly SkippedBackend[];
}

type Attempt = { ok: true; adapter?: AdapterSummary } | { ok: false; reason: string };

interface NodeProcess {
  readonly versions?: { readonly node?: string };
  readonly env: Record<string, string | undefined>;
}
interface DawnModule {
  readonly create: (options: string[]) => GPU;
  readonly globals: object;
}

const nodeProcess = (globalThis as { process?: NodeProcess }).process;
const isNode = typeof nodeProcess?.versions?.node === 'string';
const isBrowser = !isNode && (typeof document !== 'undefined' || typeof OffscreenCanvas !== 'undefined');

/** The adapter behind the registered `webgpu` backend; unset until one is registered or once lost. */
let webgpuAdapter: AdapterSummary | undefined;
/** Dawn's adapters, searched once per process: each search creates native instances. */
let dawnSearch: Promise<AdapterSearch> | undefined;

const navigatorGpu = (): GPU | undefined => (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;

/** tfjs's WebGPU backend reads `navigator.gpu`, which Node lacks. */
function exposeGpu(gpu: GPU): void {
  const scope = globalThis as { navigator?: { gpu?: GPU } };
  if (scope.navigator === undefined) scope.navigator = { gpu };
  else if (scope.navigator.gpu !== gpu) Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
}

async function loadDawn(): Promise<DawnModule> {
  const specifier = 'webgpu'; // a variable, so that browser bundlers leave this Node-only import alone
  let dawn: DawnModule;
  try {
    dawn = (await import(specifier)) as DawnModule;
  } catch {
    throw new Error("the optional 'webgpu' package (Dawn) is not installed; `npm install webgpu` adds it");
  }
  Object.assign(globalThis, dawn.globals); // GPUBufferUsage and friends, as a browser has them
  return dawn;
}

const dawnSources = (): GpuSource[] => [
  { label: 'dawn', gpu: async () => (await loadDawn()).create([]) },
  {
    // Dawn's GL ES backend runs headless through EGL's surfaceless platform (Mesa, CI machines).
    label: 'dawn (opengles)',
    gpu: async () => {
      if (nodeProcess !== undefined) nodeProcess.env.EGL_PLATFORM ??= 'surfaceless';
      return (await loadDawn()).create(['backend=opengles']);
    },
  },
];

function searchAdapters(options: InitBackendOptions): Promise<AdapterSearch> {
  const given = options.gpu;
  if (given !== undefined) return findAdapters([{ label: 'the given GPU', gpu: () => given }]);
  const browserGpu = isNode ? undefined : navigatorGpu();
  if (browserGpu !== undefined) return findAdapters([{ label: 'navigator.gpu', gpu: () => browserGpu }]);
  if (!isNode) return Promise.resolve({ candidates: [], notes: ['navigator.gpu is missing: this browser has no WebGPU'] });
  dawnSearch ??= findAdapters(dawnSources());
  return dawnSearch;
}

async function tryWebGpu(options: InitBackendOptions, allowSoftware: boolean): Promise<Attempt> {
  const registered = webgpuAdapter;
  if (registered !== undefined && tf.findBackend('webgpu') instanceof WebGPUBackend) {
    if (registered.isSoftware && !allowSoftware) return { ok: false, reason: softwareReason(registered) };
    return (await tf.setBackend('webgpu')) ? { ok: true, adapter: registered } : { ok: false, reason: 'tfjs could not start it' };
  }
  const { candidates, notes } = await searchAdapters(options);
  const best = candidates.find((c) => allowSoftware || !c.summary.isSoftware);
  if (best === undefined) {
    const software = candidates[0];
    return { ok: false, reason: software !== undefined ? softwareReason(software.summary) : `no adapter (${notes.join('; ')})` };
  }
  const device = await requestComputeDevice(best.adapter);
  void device.lost.then((info) => {
    if (info.reason === 'destroyed') return;
    webgpuAdapter = undefined; // the next initBackend opens a new device
    options.onDeviceLost?.({ reason: info.reason, message: info.message });
  });
  exposeGpu(best.gpu);
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, best.adapter.info), 3);
  if (!(await tf.setBackend('webgpu'))) return { ok: false, reason: 'tfjs could not start it on the adapter found' };
  webgpuAdapter = best.summary;
  return { ok: true, adapter: best.summary };
}

const softwareReason = (adapter: AdapterSummary | string): string =>
  `only a software GPU (${typeof adapter === 'string' ? adapter : [adapter.device, adapter.description].filter(Boolean).join(', ')}) ` +
  "was found, and wasm is faster; force 'webgpu' to use it anyway";

function webglRenderer(): string | undefined {
  const canvas =
    typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (gl === null) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info !== null ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function tryWebGl(allowSoftware: boolean): Promise<Attempt> {
  if (!isBrowser) return { ok: false, reason: 'WebGL needs a browser' };
  const renderer = webglRenderer();
  if (renderer === undefined) return { ok: false, reason: 'this browser gives no WebGL 2 context' };
  if (isSoftwareRenderer(renderer) && !allowSoftware) return { ok: false, reason: softwareReason(renderer) };
  return (await tf.setBackend('webgl')) ? { ok: true } : { ok: false, reason: 'tfjs could not start it' };
}

async function tryWasm(wasmPaths: InitBackendOptions['wasmPaths']): Promise<Attempt> {
  if (wasmPaths !== undefined && tf.findBackend('wasm') === null) setWasmPaths(wasmPaths);
  return (await tf.setBackend('wasm'))
    ? { ok: true }
    : { ok: false, reason: "its .wasm file did not load (check wasmPaths and a CSP allowing 'wasm-unsafe-eval')" };
}

function attempt(name: BackendName, options: InitBackendOptions, forced: boolean): Promise<Attempt> {
  const allowSoftware = forced || options.allowSoftwareGpu === true;
  const run = async (): Promise<Attempt> => {
    switch (name) {
      case 'webgpu':
        return tryWebGpu(options, allowSoftware);
      case 'webgl':
        return tryWebGl(allowSoftware);
      case 'wasm':
        return tryWasm(options.wasmPaths);
      case 'cpu':
        return (await tf.setBackend('cpu')) ? { ok: true } : { ok: false, reason: 'tfjs could not start it' };
    }
  };
  return run().catch((error: unknown) => ({
    ok: false,
    reason: error instanceof Error ? error.message : String(error),
  }));
}

/**
 * Chooses, initialises and activates the tfjs backend: the first of WebGPU → WebGL → wasm → cpu
 * that runs here, or the one named in `options.backend`. Safe to call again to switch.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendReport> {
  const requested = options.backend ?? 'auto';
  if (requested !== 'auto' && !(BACKENDS as readonly string[]).includes(requested)) {
    throw new BackendUnavailableError(
      `Unknown backend '${String(requested)}'; choose one of auto, ${BACKENDS.join(', ')}.`,
    );
  }
  const order = requested === 'auto' ? BACKENDS : [requested];
  const skipped: SkippedBackend[] = [];
  for (const backend of order) {
    const result = await attempt(backend, options, requested !== 'auto');
    if (result.ok) {
      return result.adapter !== undefined ? { backend, adapter: result.adapter, skipped } : { backend, skipped };
    }
    skipped.push({ backend, reason: result.reason });
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new BackendUnavailableError(
    requested === 'auto'
      ? `No tfjs backend could start here (${why}).`
      : `The ${requested} backend cannot run here: ${why}. Use backend 'auto' to fall back to one that can.`,
  );
}
