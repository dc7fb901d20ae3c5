/**
 * The plugin's main thread: a thin adapter between Figma's document and the UI, where the style
 * transfer runs. It wires Figma's events and the UI's messages (each checked by `parseUiMessage`
 * before anything is done with it) to the handlers: `stylizeSelection` runs the jobs
 * (`styleNode`: each layer exported once, each result placed as it arrives, with its own undo
 * checkpoint), `stored-settings.ts` and `sendSelectedImage` answer the UI. The selection is fixed
 * when a run starts; the document is only written when a finished result comes back (the
 * temporary copy an export may need aside, which never outlives it, see `exportArtwork`), so a
 * cancel, a closed plugin or a failed layer never leaves anything half-made.
 */
import { messageOf } from '@nst/core/errors';
import { parseUiMessage } from '../parse-ui-message.js';
import type { UiToMain } from '../protocol.js';
import type { FigmaApi } from './figma-api.js';
import { PluginSession, short } from './plugin-session.js';
import { sendSelectedImage } from './send-selected-image.js';
import { saveSettings, sendSettings } from './stored-settings.js';
import { stylizeSelection } from './stylize-selection.js';

export { SETTINGS_KEY } from './stored-settings.js';

/** Does what a (checked) message from the UI asks. */
function handle(session: PluginSession, message: UiToMain): Promise<void> | void {
  const run = session.run;
  switch (message.type) {
    case 'ready':
      return sendSettings(session);
    case 'save-settings':
      return saveSettings(session, message.settings);
    case 'stylize-selection':
      return stylizeSelection(session, message.settings);
    case 'use-selected-image-as-style':
      return sendSelectedImage(session);
    case 'result':
    case 'job-failed':
      if (run?.job === message.index) run.reply?.(message);
      return;
    case 'cancel':
      if (run !== undefined) {
        run.cancelled = true;
        run.reply?.(message);
      }
      return;
    case 'notify':
      if (!session.closed) session.figma.notify(short(message.message), { error: message.error });
      return;
  }
}

/** Wires the plugin to `figma`: call once, after `figma.showUI`. */
export function startPlugin(figma: FigmaApi): void {
  const session = new PluginSession(figma);
  figma.on('close', () => session.close());
  figma.on('selectionchange', () => {
    if (session.closed) return;
    session.postSelection();
    const run = session.run;
    if (run !== undefined && !run.selectionNoted) {
      run.selectionNoted = true;
      session.tell('The selection changed: this run goes on with the layers selected when it started.');
    }
  });
  figma.ui.onmessage = (value) => {
    if (session.closed) return;
    let message: UiToMain;
    try {
      message = parseUiMessage(value);
    } catch (error) {
      session.tell(messageOf(error), true); // refused: a message that does not follow the protocol is never acted on
      return;
    }
    void Promise.resolve(handle(session, message)).catch((error: unknown) =>
      session.tell(`Something went wrong: ${messageOf(error)}`, true),
    );
  };
}
