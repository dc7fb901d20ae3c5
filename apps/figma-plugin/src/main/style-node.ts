/**
 * One selected layer's turn in a run: exported once, sent to the UI once per style choice, each
 * result placed as it comes back, with its own undo checkpoint. The document is only written when
 * a finished result comes back (the temporary copy an export may need aside, see `exportArtwork`).
 */
import { messageOf } from '@nst/core/errors';
import { FIGMA_MAX_IMAGE_SIDE } from '../export-plan.js';
import type { KeepLayers } from '../layer-plan.js';
import type { Placement, PluginSettings, SkippedNode, StyleChoice } from '../protocol.js';
import { leftInstanceNote, resultHost } from '../result-host.js';
import { exportLayer, type LayerExport } from './export-layer.js';
import type { FigmaNode } from './figma-api.js';
import { hasFills, placeResult, resultName } from './place-result.js';
import type { JobReply, PluginSession, Run } from './plugin-session.js';

/** How one layer's turn ended: results placed, choices skipped, and whether the run must stop. */
export interface Outcome {
  readonly placed: number;
  readonly skipped: readonly SkippedNode[];
  readonly stop: boolean;
}

/** Where a layer's jobs are in the run: the first one's number, and how many the run has. */
export interface JobNumbers {
  readonly first: number;
  readonly total: number;
}

/** A layer exported and ready to be styled in each choice. */
interface Turn {
  readonly node: FigmaNode;
  readonly exported: Extract<LayerExport, { ok: true }>;
  readonly placement: Placement;
  readonly keep: KeepLayers;
  readonly variations: boolean;
}

/** One choice's end: a result placed, a reason it was not, or the run stops (closed, cancelled, the layer deleted). */
type Step = { readonly result: FigmaNode } | { readonly skipped: string; readonly last?: boolean } | { readonly stop: true };

/** Why `node` cannot be styled for `placement` before anything is exported, if it cannot. */
function refusal(node: FigmaNode, placement: Placement): SkippedNode | undefined {
  if (node.removed) return { name: 'a deleted layer', reason: 'it was deleted during the run' };
  if (!(node.width > 0 && node.height > 0)) return { name: node.name, reason: 'it has no area to export' };
  if (placement === 'replace' && !hasFills(node))
    return { name: node.name, reason: `a ${node.type.toLowerCase()} has no fills to replace; choose “above” or “beside”` };
  return undefined;
}

/** One job: a style choice, its number among the run's `total`, and the label its result is named with. */
interface Job {
  readonly choice: StyleChoice;
  readonly index: number;
  readonly total: number;
  readonly styleLabel: string;
}

/** Sends `turn`'s export to the UI as `job`, waits for the answer and places it (just above `previous`, an earlier result of the layer). */
async function styleChoice(session: PluginSession, run: Run, turn: Turn, job: Job, previous?: FigmaNode): Promise<Step> {
  const { node, exported } = turn;
  const { choice, index, total, styleLabel } = job;
  run.job = index;
  const reply = new Promise<JobReply>((resolve) => (run.reply = resolve));
  session.post({
    type: 'job',
    nodeId: node.id,
    name: node.name,
    png: exported.png,
    choice,
    keptLayers: exported.kept,
    index,
    total,
    ...(exported.plan.downscaled ? { downscaledFrom: { width: node.width, height: node.height } } : {}),
  });
  const answer = await reply;
  run.reply = undefined;
  run.job = undefined;
  if (session.closed || answer.type === 'cancel') return { stop: true };
  if (answer.type === 'job-failed') return { skipped: answer.message };
  if (node.removed) return { skipped: 'it was deleted during the run', last: true };
  let image: { hash: string };
  try {
    image = session.figma.createImage(answer.png);
  } catch (error) {
    return { skipped: `Figma refused the styled image (${messageOf(error)})` };
  }
  try {
    const { placement, keep, variations } = turn;
    const toPlace = { node, imageHash: image.hash, placement, styleName: styleLabel, keep, after: previous, variations };
    return { result: placeResult(session.figma, toPlace) };
  } catch (error) {
    return session.closed ? { stop: true } : { skipped: `Figma could not place the result (${messageOf(error)})` };
  }
}

/** Exports `node` once, has the UI style it in each of `choices` (jobs numbered from `jobs.first`), and places each result. */
export async function styleNode(
  session: PluginSession,
  node: FigmaNode,
  jobs: JobNumbers,
  choices: readonly StyleChoice[],
  settings: PluginSettings,
): Promise<Outcome> {
  const run = session.run;
  if (run === undefined) return { placed: 0, skipped: [], stop: true };
  const placement = settings.variations ? 'beside' : settings.placement;
  const refused = refusal(node, placement);
  if (refused !== undefined) return { placed: 0, skipped: [refused], stop: false };
  const keep = { text: settings.keepText, vectors: settings.keepVectors };
  const exported = await exportLayer(node, keep, settings.size, placement, (discard) => (session.discardCopy = discard));
  if (session.closed || run.cancelled) return { placed: 0, skipped: [], stop: true };
  if (!exported.ok) return { placed: 0, skipped: [{ name: node.name, reason: exported.reason }], stop: false };
  const { plan } = exported;
  if (plan.downscaled) {
    session.tell(
      `“${node.name}” is over ${FIGMA_MAX_IMAGE_SIDE} px at this size; it is styled at ${plan.width}×${plan.height} and scaled back up.`,
    );
  }
  const turn: Turn = { node, exported, placement, keep, variations: settings.variations };
  const host = placement === 'replace' ? undefined : resultHost(node).leftInstance;
  const strengthsVary = new Set(choices.map((c) => c.strength)).size > 1;
  const skipped: SkippedNode[] = [];
  let placed = 0;
  let previous: FigmaNode | undefined;
  for (const [i, choice] of choices.entries()) {
    const styleLabel = strengthsVary ? `${choice.styleName} · ${Math.round(choice.strength * 100)}%` : choice.styleName;
    const label = choices.length === 1 ? node.name : resultName(node, styleLabel);
    const step = await styleChoice(session, run, turn, { choice, index: jobs.first + i, total: jobs.total, styleLabel }, previous);
    if ('stop' in step) return { placed, skipped, stop: true };
    if ('skipped' in step) {
      skipped.push({ name: label, reason: step.skipped });
      if (step.last === true) break;
      continue;
    }
    session.figma.commitUndo();
    previous = step.result;
    placed += 1;
    if (placed === 1 && host !== undefined) session.tell(leftInstanceNote(node.name, host.name ?? 'an instance'));
    session.post({ type: 'placed', nodeId: node.id, index: jobs.first + i, resultId: step.result.id });
  }
  return { placed, skipped, stop: false };
}
