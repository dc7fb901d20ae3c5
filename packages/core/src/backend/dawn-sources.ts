/**
 * WebGPU in Node: Dawn, from the optional `webgpu` npm package, imported only when asked for.
 * Loading it patches globals (`GPUBufferUsage` and friends, as a browser has them), which tfjs's
 * WebGPU backend reads; so does its GL ES source (`EGL_PLATFORM`).
 */
import { nodeProcess } from './environment.js';
import type { GpuSource } from './webgpu-adapter.js';

interface DawnModule {
  readonly create: (options: string[]) => GPU;
  readonly globals: object;
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

/** Dawn's default backend (Vulkan, Metal, D3D12), then its GL ES backend. */
export const dawnSources = (): GpuSource[] => [
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
