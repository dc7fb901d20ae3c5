import type { BackendPreference } from '@nst/browser';
import type { PreviewSettings } from './protocol.js';

/** The largest preview size (`nst.preview.size`'s maximum); larger images are scaled down to it when decoded. */
export const MAX_PREVIEW_SIZE = 2048;

/** The settings when nothing is configured (as package.json's `contributes.configuration` says). */
export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = { size: 256, iterations: 60, strength: 0.5, preserveColors: false, backend: 'auto' };

const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm'];

const whole = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/**
 * Preview settings from a configuration-like source (`nst.preview.size`, `nst.preview.iterations`,
 * `nst.backend`) or from webview state; anything missing or out of range takes its default.
 */
export function readPreviewSettings(get: (key: string) => unknown): PreviewSettings {
  const d = DEFAULT_PREVIEW_SETTINGS;
  const strength = get('strength');
  const backend = get('backend');
  return {
    size: whole(get('size'), 32, MAX_PREVIEW_SIZE, d.size),
    iterations: whole(get('iterations'), 1, 1000, d.iterations),
    strength: typeof strength === 'number' && strength >= 0 && strength <= 1 ? strength : d.strength,
    preserveColors: typeof get('preserveColors') === 'boolean' ? get('preserveColors') === true : d.preserveColors,
    backend: typeof backend === 'string' && (BACKENDS as readonly string[]).includes(backend) ? (backend as BackendPreference) : d.backend,
  };
}
