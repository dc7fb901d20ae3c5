import type { BackendPreference } from '@nst/browser';
import type { Placement, PluginSettings } from './protocol.js';

/** The quality choices the UI offers: export size and iterations. */
export const QUALITIES = [
  { id: 'draft', label: 'Draft · 256 px', size: 256, iterations: 40 },
  { id: 'standard', label: 'Standard · 512 px', size: 512, iterations: 80 },
  { id: 'high', label: 'High · 1024 px', size: 1024, iterations: 150 },
  { id: 'full', label: 'Full size · up to 4096 px', size: 0, iterations: 150 },
] as const;

export const DEFAULT_SETTINGS: PluginSettings = {
  styleName: 'The Night Café',
  strength: 0.5,
  size: 512,
  iterations: 80,
  preserveColors: false,
  placement: 'above',
  backend: 'auto',
};

const PLACEMENTS: readonly Placement[] = ['above', 'beside', 'replace'];
const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm'];

const inRange = (value: unknown, min: number, max: number, integer: boolean): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));

const oneOf = <T extends string>(value: unknown, options: readonly T[]): value is T =>
  typeof value === 'string' && (options as readonly string[]).includes(value);

/**
 * Settings from an untrusted source (clientStorage written by an older version, a message): every
 * field that is missing or out of range takes its default.
 */
export function readSettings(value: unknown): PluginSettings {
  const v: Partial<Record<keyof PluginSettings, unknown>> = typeof value === 'object' && value !== null ? value : {};
  const d = DEFAULT_SETTINGS;
  return {
    styleName: typeof v.styleName === 'string' && v.styleName.length > 0 ? v.styleName : d.styleName,
    strength: inRange(v.strength, 0, 1, false) ? v.strength : d.strength,
    size: inRange(v.size, 0, 4096, true) && (v.size === 0 || v.size >= 16) ? v.size : d.size,
    iterations: inRange(v.iterations, 1, 1000, true) ? v.iterations : d.iterations,
    preserveColors: typeof v.preserveColors === 'boolean' ? v.preserveColors : d.preserveColors,
    placement: oneOf(v.placement, PLACEMENTS) ? v.placement : d.placement,
    backend: oneOf(v.backend, BACKENDS) ? v.backend : d.backend,
  };
}
