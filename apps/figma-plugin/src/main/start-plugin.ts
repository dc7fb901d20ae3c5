/**
 * The plugin's main thread: a thin adapter between Figma's document and the UI, where the style
 * transfer runs. It exports the selected nodes one at a time (each once, however many variations
 * are asked), hands each style choice to the UI as a job, and places each result as soon as it
 * arrives, with its own undo checkpoint. The selection is fixed when a run starts; the document is
 * only written when a finished result comes back (the temporary copy an export may need aside,
 * which never outlives it, see `exportArtwork`), so a cancel, a closed plugin or a failed node
 * never leaves anything half-made.
 */
import { messageOf } from '@nst/core/errors';
import { FIGMA_MAX_IMAGE_SIDE } from '../export-plan.js';
import type { MainToUi, PluginSettings, SelectedNode, SkippedNode, StyleChoice, UiToMain } from '../protocol.js';
import { parseUiMessage } from '../parse-ui-message.js';
import { leftInstanceNote, resultHost } from '../result-host.js';
import { readSettings, styleChoices } from '../settings.js';
import { exportLayer } from './export-layer.js';
import type { FigmaApi, FigmaNode } from './figma-api.js';
import { hasFills, placeResult, resultName } from './place-result.js';
import { selectedImage } from './selected-image.js';

/** The clientStorage key of the last settings. */
export const SETTINGS_KEY = 'settings';

/** How one node's turn ended: results placed, choices skipped, and whether the run must stop. */
interface Outcome {
  placed: number;
  readonly skipped: SkippedNode[];
  stop: boolean;
}

type JobReply = Extract<UiToMain, { type: 'result' } | { type: 'job-failed' } | { type: 'cancel' }>;

const describe = (node: FigmaNode): SelectedNode => ({ id: node.id, name: node.name, width: node.width, height: node.height });

/** figma.notify shows at most 100 characters. */
const short = (message: string): string => (message.length <= 100 ? message : `${message.slice(0, 99)}…`);

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Wires the plugin to `figma`: call once, after `figma.showUI`. */
export function startPlugin(figma: FigmaApi): void {
  let closed = false;
  let run: { cancelled: boolean; selectionNoted: boolean; job?: number; reply?: (reply: JobReply) => void } | undefined;
  /** Removes the temporary copy an export is using, while there is one. */
  let discardCopy: (() => void) | undefined;

  const post = (message: MainToUi): void => {
    if (!closed) figma.ui.postMessage(message);
  };
  const tell = (message: string, error = false): void => {
    if (closed) return;
    figma.ui.postMessage({ type: 'notice', message, error } satisfies MainToUi);
    figma.notify(short(message), { error });
  };
  const postSelection = (): void => post({ type: 'selection', nodes: figma.currentPage.selection.map(describe) });

  figma.on('close', () => {
    try {
      discardCopy?.(); // synchronously: Figma runs nothing asynchronous after its close handlers
    } catch {
      // Nothing more can be done once Figma refuses; the export's own `finally` reports it if it can.
    }
    discardCopy = undefined;
    closed = true;
    if (run !== undefined) {
      run.cancelled = true;
      run.reply?.({ type: 'cancel' });
    }
  });
  figma.on('selectionchange', () => {
    if (closed) return;
    postSelection();
    if (run !== undefined && !run.selectionNoted) {
      run.selectionNoted = true;
      tell('The selection changed: this run goes on with the layers selected when it started.');
    }
  });

  async function saveSettings(settings: PluginSettings): Promise<void> {
    try {
      await figma.clientStorage.setAsync(SETTINGS_KEY, settings);
    } catch {
      // Settings are a convenience: a full or unavailable storage must not stop the work.
    }
  }

  async function sendSettings(): Promise<void> {
    let stored: unknown;
    try {
      stored = await figma.clientStorage.getAsync(SETTINGS_KEY);
    } catch {
      stored = undefined;
    }
    post({ type: 'settings', settings: readSettings(stored) });
    postSelection();
  }

  async function sendSelectedImage(): Promise<void> {
    const found = selectedImage(figma.currentPage.selection);
    if (found === undefined) {
      tell('Select a layer with an image fill to use it as the style.', true);
      return;
    }
    const image = figma.getImageByHash(found.imageHash);
    const bytes = await image?.getBytesAsync();
    if (closed) return;
    if (bytes === undefined) {
      tell(`The image of “${found.node.name}” could not be read; try another layer.`, true);
      return;
    }
    post({ type: 'style-image', name: found.node.name, bytes });
  }

  /** Exports `node` once, has the UI style it in each of `choices`, and places each result. */
  async function styleNode(
    node: FigmaNode,
    first: number,
    total: number,
    choices: readonly StyleChoice[],
    settings: PluginSettings,
  ): Promise<Outcome> {
    const outcome: Outcome = { placed: 0, skipped: [], stop: false };
    const all = (reason: string): Outcome => ({ ...outcome, skipped: [{ name: node.name, reason }] });
    const active = run;
    if (active === undefined) return { ...outcome, stop: true };
    if (node.removed) return { ...outcome, skipped: [{ name: 'a deleted layer', reason: 'it was deleted during the run' }] };
    if (!(node.width > 0 && node.height > 0)) return all('it has no area to export');
    const placement = settings.variations ? 'beside' : settings.placement;
    if (placement === 'replace' && !hasFills(node)) {
      return all(`a ${node.type.toLowerCase()} has no fills to replace; choose “above” or “beside”`);
    }
    const keep = { text: settings.keepText, vectors: settings.keepVectors };
    const exported = await exportLayer(node, keep, settings.size, placement, (discard) => (discardCopy = discard));
    if (closed || active.cancelled) return { ...outcome, stop: true };
    if (!exported.ok) return all(exported.reason);
    const plan = exported.plan;
    if (plan.downscaled) {
      tell(
        `“${node.name}” is over ${FIGMA_MAX_IMAGE_SIDE} px at this size; it is styled at ${plan.width}×${plan.height} and scaled back up.`,
      );
    }
    const host = placement === 'replace' ? undefined : resultHost(node).leftInstance;
    const strengthsVary = new Set(choices.map((c) => c.strength)).size > 1;
    let previous: FigmaNode | undefined;
    for (const [i, choice] of choices.entries()) {
      const index = first + i;
      const styleLabel = strengthsVary ? `${choice.styleName} · ${Math.round(choice.strength * 100)}%` : choice.styleName;
      const label = choices.length === 1 ? node.name : resultName(node, styleLabel);
      active.job = index;
      const reply = new Promise<JobReply>((resolve) => (active.reply = resolve));
      post({
        type: 'job',
        nodeId: node.id,
        name: node.name,
        png: exported.png,
        choice,
        keptLayers: exported.kept,
        index,
        total,
        ...(plan.downscaled ? { downscaledFrom: { width: node.width, height: node.height } } : {}),
      });
      const answer = await reply;
      active.reply = undefined;
      active.job = undefined;
      if (closed || answer.type === 'cancel') return { ...outcome, stop: true };
      if (answer.type === 'job-failed') {
        outcome.skipped.push({ name: label, reason: answer.message });
        continue;
      }
      if (node.removed) {
        outcome.skipped.push({ name: label, reason: 'it was deleted during the run' });
        return outcome;
      }
      let image: { hash: string };
      try {
        image = figma.createImage(answer.png);
      } catch (error) {
        outcome.skipped.push({ name: label, reason: `Figma refused the styled image (${messageOf(error)})` });
        continue;
      }
      let result: FigmaNode;
      try {
        result = placeResult(figma, node, image.hash, placement, styleLabel, keep, previous, settings.variations);
      } catch (error) {
        if (closed) return { ...outcome, stop: true };
        outcome.skipped.push({ name: label, reason: `Figma could not place the result (${messageOf(error)})` });
        continue;
      }
      figma.commitUndo();
      previous = result;
      outcome.placed += 1;
      if (outcome.placed === 1 && host !== undefined) tell(leftInstanceNote(node.name, host.name ?? 'an instance'));
      post({ type: 'placed', nodeId: node.id, index, resultId: result.id });
    }
    return outcome;
  }

  async function stylizeSelection(settings: PluginSettings): Promise<void> {
    if (run !== undefined) {
      tell('A run is already going: wait for it or press Cancel.', true);
      return;
    }
    const nodes = [...figma.currentPage.selection];
    if (nodes.length === 0) {
      tell('Nothing is selected: select one or more frames or layers, then press Style.', true);
      post({ type: 'done', placed: 0, skipped: [], cancelled: false });
      return;
    }
    await saveSettings(settings);
    const active = { cancelled: false, selectionNoted: false };
    run = active;
    const choices = styleChoices(settings);
    const skipped: SkippedNode[] = [];
    let placed = 0;
    try {
      for (const [i, node] of nodes.entries()) {
        if (closed || active.cancelled) break;
        const outcome = await styleNode(node, i * choices.length + 1, nodes.length * choices.length, choices, settings);
        placed += outcome.placed;
        skipped.push(...outcome.skipped);
        if (outcome.stop) break;
      }
    } finally {
      run = undefined;
    }
    if (closed) return;
    post({ type: 'done', placed, skipped, cancelled: active.cancelled });
    // The UI words its own summary from `done`; Figma's toast gets a short one.
    const what = choices.length === 1 ? 'layer' : 'copy';
    const summary = `${active.cancelled ? 'Cancelled: styled' : 'Styled'} ${plural(placed, what, choices.length === 1 ? 'layers' : 'copies')}`;
    const first = skipped[0];
    const error = first !== undefined && placed === 0;
    const message =
      first === undefined
        ? `${summary}.`
        : `${summary}; skipped ${plural(skipped.length, what, choices.length === 1 ? 'layers' : 'copies')}: “${first.name}”: ${first.reason}.`;
    figma.notify(short(message), { error });
  }

  function handle(message: UiToMain): Promise<void> | void {
    switch (message.type) {
      case 'ready':
        return sendSettings();
      case 'save-settings':
        return saveSettings(message.settings);
      case 'stylize-selection':
        return stylizeSelection(message.settings);
      case 'use-selected-image-as-style':
        return sendSelectedImage();
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
        if (!closed) figma.notify(short(message.message), { error: message.error });
        return;
    }
  }

  figma.ui.onmessage = (value) => {
    if (closed) return;
    let message: UiToMain;
    try {
      message = parseUiMessage(value);
    } catch (error) {
      tell(messageOf(error), true); // refused: a message that does not follow the protocol is never acted on
      return;
    }
    void Promise.resolve(handle(message)).catch((error: unknown) => tell(`Something went wrong: ${messageOf(error)}`, true));
  };
}
