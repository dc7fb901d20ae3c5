/**
 * A run: the layers selected when Style was pressed, one at a time (each exported once, however
 * many variations are asked), then `done` for the UI and a short summary in Figma's toast.
 */
import type { PluginSettings, SkippedNode } from '../protocol.js';
import { runSummary } from '../run-summary.js';
import { styleChoices } from '../settings.js';
import { short, type PluginSession } from './plugin-session.js';
import { saveSettings } from './stored-settings.js';
import { styleNode } from './style-node.js';

/** Styles the selection with `settings`; refuses while a run is going, and says when nothing is selected. */
export async function stylizeSelection(session: PluginSession, settings: PluginSettings): Promise<void> {
  if (session.run !== undefined) {
    session.tell('A run is already going: wait for it or press Cancel.', true);
    return;
  }
  const nodes = [...session.figma.currentPage.selection];
  if (nodes.length === 0) {
    session.tell('Nothing is selected: select one or more frames or layers, then press Style.', true);
    session.post({ type: 'done', placed: 0, skipped: [], cancelled: false });
    return;
  }
  await saveSettings(session, settings);
  const run = { cancelled: false, selectionNoted: false };
  session.run = run;
  const choices = styleChoices(settings);
  const skipped: SkippedNode[] = [];
  let placed = 0;
  try {
    for (const [i, node] of nodes.entries()) {
      if (session.closed || run.cancelled) break;
      const jobs = { first: i * choices.length + 1, total: nodes.length * choices.length };
      const outcome = await styleNode(session, node, jobs, choices, settings);
      placed += outcome.placed;
      skipped.push(...outcome.skipped);
      if (outcome.stop) break;
    }
  } finally {
    session.run = undefined;
  }
  if (session.closed) return;
  session.post({ type: 'done', placed, skipped, cancelled: run.cancelled });
  const { message, error } = runSummary(placed, skipped, run.cancelled, choices.length > 1);
  session.figma.notify(short(message), { error });
}
