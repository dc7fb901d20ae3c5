import type { BackendPreference } from '@nst/browser';
import type { Placement, PluginSettings, StyleChoice } from './protocol.js';

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
  keepText: true,
  keepVectors: false,
  variations: false,
  variationStyles: [],
  variationStrengths: [],
};

/** The strengths the UI offers for variations. */
export const VARIATION_STRENGTHS = [
  { label: 'Subtle', strength: 0.25 },
  { label: 'Balanced', strength: 0.5 },
  { label: 'Strong', strength: 0.75 },
] as const;

/** At most this many styles in a set of variations. */
export const MAX_VARIATION_STYLES = 8;
/** At most this many strengths in a set of variations. */
export const MAX_VARIATION_STRENGTHS = 4;

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
    keepText: typeof v.keepText === 'boolean' ? v.keepText : d.keepText,
    keepVectors: typeof v.keepVectors === 'boolean' ? v.keepVectors : d.keepVectors,
    variations: typeof v.variations === 'boolean' ? v.variations : d.variations,
    variationStyles: Array.isArray(v.variationStyles)
      ? [...new Set(v.variationStyles.filter((name): name is string => typeof name === 'string' && name.length > 0))].slice(0, MAX_VARIATION_STYLES)
      : d.variationStyles,
    variationStrengths: Array.isArray(v.variationStrengths)
      ? [...new Set(v.variationStrengths.filter((x): x is number => inRange(x, 0, 1, false)))].slice(0, MAX_VARIATION_STRENGTHS)
      : d.variationStrengths,
  };
}

/**
 * The styled copies a run makes of each layer: the chosen style and strength, or with variations
 * on, every variation style × every variation strength (styles first, so one style's copies are
 * made one after another).
 */
export function styleChoices(settings: PluginSettings): readonly StyleChoice[] {
  if (!settings.variations) return [{ styleName: settings.styleName, strength: settings.strength }];
  const styles = settings.variationStyles.length > 0 ? settings.variationStyles : [settings.styleName];
  const strengths = settings.variationStrengths.length > 0 ? settings.variationStrengths : [settings.strength];
  return styles.flatMap((styleName) => strengths.map((strength) => ({ styleName, strength })));
}
