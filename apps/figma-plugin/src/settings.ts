/**
 * The plugin's settings: what each may be, its default, and the lists the UI offers. The UI's
 * pickers are built from these lists and `readSettings` checks against them, so each list and
 * limit is spelled here once. Figma's main thread reads settings too, so nothing here pulls in tfjs.
 */
import { BACKEND_PREFERENCES, type BackendPreference } from '@nst/browser/backend-preference';
import {
  booleanSetting,
  choiceSetting,
  fieldsOf,
  integerSetting,
  listSetting,
  numberSetting,
  readSettings as readSchema,
  settingDefaults,
  textSetting,
  type SettingsSchema,
} from '@nst/browser/settings-schema';
import { FIGMA_MAX_IMAGE_SIDE } from './export-plan.js';

/** The quality choices the UI offers: export size (0: the layer's own, up to Figma's limit) and iterations. */
export const QUALITIES = [
  { id: 'draft', label: 'Draft · 256 px', size: 256, iterations: 40 },
  { id: 'standard', label: 'Standard · 512 px', size: 512, iterations: 80 },
  { id: 'high', label: 'High · 1024 px', size: 1024, iterations: 150 },
  { id: 'full', label: `Full size · up to ${FIGMA_MAX_IMAGE_SIDE} px`, size: 0, iterations: 150 },
] as const;

/** Where a result may go, as the Result picker lists them. */
export const PLACEMENTS = [
  { id: 'above', label: 'New layer above the original' },
  { id: 'beside', label: 'New layer beside the original' },
  { id: 'replace', label: 'Replace the original’s fills' },
] as const;

/** Where a styled result goes: a new layer over the original, a new layer beside it, or the original's fills. */
export type Placement = (typeof PLACEMENTS)[number]['id'];

/** What the user chose in the UI; remembered in `figma.clientStorage`. */
export interface PluginSettings {
  /** The style's display name: a preset's, or the name of an image from the document or a file. */
  readonly styleName: string;
  /** 0…1: from mostly content to mostly style; 0.5 is the network's own balance. */
  readonly strength: number;
  /** Longest side of the export in px, at most Figma's limit (`FIGMA_MAX_IMAGE_SIDE`); 0 exports at the node's own size. */
  readonly size: number;
  readonly iterations: number;
  readonly preserveColors: boolean;
  readonly placement: Placement;
  /** Which tfjs backend the UI runs on: `auto` is WebGPU → WebGL → wasm, the first that runs. */
  readonly backend: BackendPreference;
  /** Keep text crisp: a frame's text layers are left out of the styling and stay live on top of it. */
  readonly keepText: boolean;
  /** Keep vector icons (vectors, boolean shapes, stars, polygons, lines) live too. */
  readonly keepVectors: boolean;
  /** Variations: one styled copy per style × strength below, in a row beside each layer. */
  readonly variations: boolean;
  /** The styles of the variations (empty: `styleName` alone). */
  readonly variationStyles: readonly string[];
  /** The strengths of the variations (empty: `strength` alone). */
  readonly variationStrengths: readonly number[];
}

/** One styled copy to make: a style and a strength. */
export interface StyleChoice {
  readonly styleName: string;
  readonly strength: number;
}

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

const strength = numberSetting(0, 1, 0.5);

/** What each setting may be, and its default. */
export const SETTINGS_SCHEMA: SettingsSchema<PluginSettings> = {
  styleName: textSetting('The Night Café'),
  strength,
  size: integerSetting(0, FIGMA_MAX_IMAGE_SIDE, 512, (size) => size === 0 || size >= 16),
  iterations: integerSetting(1, 1000, 80),
  preserveColors: booleanSetting(false),
  placement: choiceSetting(
    PLACEMENTS.map((p) => p.id),
    'above',
  ),
  backend: choiceSetting(BACKEND_PREFERENCES, 'auto'),
  keepText: booleanSetting(true),
  keepVectors: booleanSetting(false),
  variations: booleanSetting(false),
  variationStyles: listSetting(textSetting(''), MAX_VARIATION_STYLES),
  variationStrengths: listSetting(strength, MAX_VARIATION_STRENGTHS),
};

/** Every setting at its default. */
export const DEFAULT_SETTINGS: PluginSettings = settingDefaults(SETTINGS_SCHEMA);

/**
 * Settings from an untrusted source (clientStorage written by an older version, a message): every
 * field that is missing or out of range takes its default.
 */
export function readSettings(value: unknown): PluginSettings {
  return readSchema(SETTINGS_SCHEMA, fieldsOf(value));
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
