import * as tf from '@tensorflow/tfjs';
import type { AdapterSummary } from './webgpu-adapter.js';

/** The outcome of trying one backend: it is active (with its adapter, for WebGPU), or why not. */
export type Attempt = { readonly ok: true; readonly adapter?: AdapterSummary } | { readonly ok: false; readonly reason: string };

/** Activates the registered backend `name`; `failure` is the reason given when tfjs cannot start it. */
export async function activate(name: string, failure = 'tfjs could not start it'): Promise<Attempt> {
  return (await tf.setBackend(name)) ? { ok: true } : { ok: false, reason: failure };
}

/** Why `'auto'` passes over a software GPU (`adapter`, or a WebGL renderer's name). */
export const softwareReason = (adapter: AdapterSummary | string): string =>
  `only a software GPU (${typeof adapter === 'string' ? adapter : [adapter.device, adapter.description].filter(Boolean).join(', ')}) ` +
  "was found, and the CPU engines are faster; force 'webgpu' to use it anyway";
