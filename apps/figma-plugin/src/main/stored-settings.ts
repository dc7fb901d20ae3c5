/** The settings kept in `figma.clientStorage` (about 5 MB for the plugin: a convenience, never in the way of the work). */
import type { PluginSettings } from '../protocol.js';
import { readSettings } from '../settings.js';
import type { PluginSession } from './plugin-session.js';

/** The clientStorage key of the last settings. */
export const SETTINGS_KEY = 'settings';

/** Keeps `settings` for the next time; a full or unavailable storage is ignored. */
export async function saveSettings(session: PluginSession, settings: PluginSettings): Promise<void> {
  try {
    await session.figma.clientStorage.setAsync(SETTINGS_KEY, settings);
  } catch {
    // Settings are a convenience: a full or unavailable storage must not stop the work.
  }
}

/** Posts the stored settings (defaults for anything missing or out of range) and the selection to the UI. */
export async function sendSettings(session: PluginSession): Promise<void> {
  let stored: unknown;
  try {
    stored = await session.figma.clientStorage.getAsync(SETTINGS_KEY);
  } catch {
    stored = undefined;
  }
  session.post({ type: 'settings', settings: readSettings(stored) });
  session.postSelection();
}
