/**
 * Finding the best WebGPU adapter. A machine can offer several: a discrete GPU, an integrated one,
 * and software rasterisers (SwiftShader, Mesa's llvmpipe) that are WebGPU in name but slower than
 * tfjs's wasm backend. Some, like Dawn's OpenGL ES backend, exist only at the "compatibility"
 * feature level. So we ask each source for a core adapter, then a compatibility one, stop at the
 * first hardware adapter, and let the caller decide whether a software one is worth having.
 */
import { messageOf } from '../errors.js';

/** A place to ask for adapters: `navigator.gpu`, or one of Dawn's instances in Node. */
export interface GpuSource {
  /** Says where the adapter came from in reports, e.g. `navigator.gpu` or `dawn (opengles)`. */
  readonly label: string;
  /** Made on first use, so that an unneeded Dawn instance is never created. */
  readonly gpu: () => GPU | Promise<GPU>;
}

/** What a user needs to know about the adapter in use. */
export interface AdapterSummary {
  readonly source: string;
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** The browser's or Dawn's own verdict that this is a fallback (software) adapter. */
  readonly isFallbackAdapter: boolean;
  /** A software rasteriser by name (llvmpipe, lavapipe, SwiftShader, …) or a fallback adapter. */
  readonly isSoftware: boolean;
  readonly featureLevel: 'core' | 'compatibility';
}

/** An adapter, the `GPU` it came from, and its summary. */
export interface AdapterCandidate {
  readonly gpu: GPU;
  readonly adapter: GPUAdapter;
  readonly summary: AdapterSummary;
}

/** The adapters found, best first, and why sources gave none. */
export interface AdapterSearch {
  readonly candidates: readonly AdapterCandidate[];
  readonly notes: readonly string[];
}

const SOFTWARE_RENDERER = /llvmpipe|lavapipe|softpipe|swiftshader|software|basic render/i;

/** True when a renderer or adapter name is one of the known software rasterisers. */
export const isSoftwareRenderer = (name: string): boolean => SOFTWARE_RENDERER.test(name);

/** Summarises `adapter` as returned by `source` for a request at `featureLevel`. */
export function summarizeAdapter(adapter: GPUAdapter, requested: 'core' | 'compatibility', source: string): AdapterSummary {
  const info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean } = adapter.info ?? {};
  const legacy: { isFallbackAdapter?: boolean } = adapter;
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? legacy.isFallbackAdapter);
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  return {
    source,
    vendor,
    architecture,
    device,
    description,
    isFallbackAdapter,
    isSoftware: isFallbackAdapter || isSoftwareRenderer(`${vendor} ${architecture} ${device} ${description}`),
    featureLevel: requested === 'compatibility' && !adapter.features.has('core-features-and-limits') ? 'compatibility' : 'core',
  };
}

const REQUESTS: readonly { level: 'core' | 'compatibility'; options: GPURequestAdapterOptions }[] = [
  { level: 'core', options: { powerPreference: 'high-performance' } },
  { level: 'compatibility', options: { powerPreference: 'high-performance', featureLevel: 'compatibility' } },
];

const rank = ({ summary }: AdapterCandidate): number => (summary.isSoftware ? 2 : 0) + (summary.featureLevel === 'compatibility' ? 1 : 0);

/**
 * Asks each source, in order, for a core then a compatibility adapter; stops at the first
 * hardware adapter. A software core adapter does not end the search: the same GPU may give a
 * better compatibility adapter (Chromium's SwiftShader fallback at core, ANGLE's OpenGL ES at
 * compatibility). Returns every adapter found, hardware before software, core before compat.
 */
export async function findAdapters(sources: readonly GpuSource[]): Promise<AdapterSearch> {
  const candidates: AdapterCandidate[] = [];
  const notes: string[] = [];
  for (const source of sources) {
    let gpu: GPU;
    try {
      gpu = await source.gpu();
    } catch (error) {
      notes.push(`${source.label}: ${messageOf(error)}`);
      continue;
    }
    let found = false;
    for (const { level, options } of REQUESTS) {
      const adapter = await gpu.requestAdapter(options).catch(() => null);
      if (adapter === null) continue;
      found = true;
      const candidate = { gpu, adapter, summary: summarizeAdapter(adapter, level, source.label) };
      candidates.push(candidate);
      if (!candidate.summary.isSoftware) {
        return { candidates: [...candidates].sort((a, b) => rank(a) - rank(b)), notes };
      }
    }
    if (!found) notes.push(`${source.label}: no adapter`);
  }
  return { candidates: [...candidates].sort((a, b) => rank(a) - rank(b)), notes };
}

const LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
] as const;

/**
 * Opens a device with the adapter's own compute limits: tfjs's kernels use workgroups of 256
 * invocations and large storage buffers, above WebGPU's (and more so compatibility mode's) defaults.
 */
export function requestComputeDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const name of LIMITS) {
    const value = adapter.limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  return adapter.requestDevice({ requiredLimits });
}
