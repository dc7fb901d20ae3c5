/**
 * The WebGPU attempt: an adapter from the given `GPU`, `navigator.gpu` or Dawn, a device, and
 * tfjs's WebGPU backend registered on it. It keeps module state, the one registered backend's
 * adapter and Dawn's search, so that calling {@link initBackend} again reuses both.
 */
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { activate, type Attempt, softwareReason } from './attempt.js';
import { dawnSources } from './dawn-sources.js';
import { isNode } from './environment.js';
import type { InitBackendOptions } from './backend-options.js';
import { type AdapterSearch, type AdapterSummary, findAdapters, requestComputeDevice } from './webgpu-adapter.js';

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

/**
 * Why a browser page has no `navigator.gpu`: browsers offer WebGPU to secure contexts only, and a
 * `data:` page in a frame (as a Figma plugin's UI is) or a plain `http:` one is not one.
 */
function missingGpuNote(): string {
  return (globalThis as { isSecureContext?: boolean }).isSecureContext === false
    ? 'navigator.gpu is missing: this page is not a secure context (a data: page in a frame, or plain http:), and browsers offer WebGPU to secure contexts only'
    : 'navigator.gpu is missing: this browser has no WebGPU';
}

function searchAdapters(given: GPU | undefined): Promise<AdapterSearch> {
  if (given !== undefined) return findAdapters([{ label: 'the given GPU', gpu: () => given }]);
  const browserGpu = isNode ? undefined : navigatorGpu();
  if (browserGpu !== undefined) return findAdapters([{ label: 'navigator.gpu', gpu: () => browserGpu }]);
  if (!isNode) return Promise.resolve({ candidates: [], notes: [missingGpuNote()] });
  dawnSearch ??= findAdapters(dawnSources());
  return dawnSearch;
}

/** Activates tfjs's WebGPU backend on the best adapter (a software one only if `allowSoftware`). */
export async function tryWebGpu(
  { gpu, onDeviceLost }: Pick<InitBackendOptions, 'gpu' | 'onDeviceLost'>,
  allowSoftware: boolean,
): Promise<Attempt> {
  const registered = webgpuAdapter;
  if (registered !== undefined && tf.findBackend('webgpu') instanceof WebGPUBackend) {
    if (registered.isSoftware && !allowSoftware) return { ok: false, reason: softwareReason(registered) };
    const result = await activate('webgpu');
    return result.ok ? { ok: true, adapter: registered } : result;
  }
  const { candidates, notes } = await searchAdapters(gpu);
  const best = candidates.find((c) => allowSoftware || !c.summary.isSoftware);
  if (best === undefined) {
    const software = candidates[0];
    return { ok: false, reason: software !== undefined ? softwareReason(software.summary) : `no adapter (${notes.join('; ')})` };
  }
  const device = await requestComputeDevice(best.adapter);
  void device.lost.then((info) => {
    if (info.reason === 'destroyed') return;
    webgpuAdapter = undefined; // the next initBackend opens a new device
    onDeviceLost?.({ reason: info.reason, message: info.message });
  });
  exposeGpu(best.gpu);
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, best.adapter.info), 3);
  const result = await activate('webgpu', 'tfjs could not start it on the adapter found');
  if (!result.ok) return result;
  webgpuAdapter = best.summary;
  return { ok: true, adapter: best.summary };
}
