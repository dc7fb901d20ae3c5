/**
 * The preview's settings: what each may be and its default, once. `readPreviewSettings` checks
 * the `nst.*` configuration, webview state and messages against it, and a test holds the
 * `contributes.configuration` in package.json to it.
 */
import { BACKEND_PREFERENCES, type BackendPreference } from '@nst/browser/backend-preference';
import {
  booleanSetting,
  choiceSetting,
  integerSetting,
  numberSetting,
  readSettings,
  settingDefaults,
  type SettingsSchema,
} from '@nst/browser/settings-schema';

/** The preview's controls; defaults come from the `nst.*` settings, changes are kept per webview. */
export interface PreviewSettings {
  /** Longest side of the result in px. */
  readonly size: number;
  readonly iterations: number;
  /** 0…1: from mostly content to mostly style; 0.5 is the network's own balance. */
  readonly strength: number;
  readonly preserveColors: boolean;
  readonly backend: BackendPreference;
}

/** The largest preview size (`nst.preview.size`'s maximum); larger images are scaled down to it when decoded. */
export const MAX_PREVIEW_SIZE = 2048;

/** What each preview setting may be, and its default (as package.json's `contributes.configuration` says). */
export const PREVIEW_SETTINGS_SCHEMA: SettingsSchema<PreviewSettings> = {
  size: integerSetting(32, MAX_PREVIEW_SIZE, 256),
  iterations: integerSetting(1, 1000, 60),
  strength: numberSetting(0, 1, 0.5),
  preserveColors: booleanSetting(false),
  backend: choiceSetting(BACKEND_PREFERENCES, 'auto'),
};

/** The settings when nothing is configured. */
export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = settingDefaults(PREVIEW_SETTINGS_SCHEMA);

/**
 * Preview settings from a configuration-like source (`nst.preview.size`, `nst.preview.iterations`,
 * `nst.backend`) or from webview state; anything missing or out of range takes its default.
 */
export function readPreviewSettings(get: (key: string) => unknown): PreviewSettings {
  return readSettings(PREVIEW_SETTINGS_SCHEMA, get);
}
