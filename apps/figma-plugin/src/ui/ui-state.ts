/**
 * The plugin UI's state machine. Everything the UI shows is a function of {@link UiState}, and
 * everything that happens to it (a message from the main thread, a click, a job's progress) is a
 * {@link UiEvent}; {@link nextUiState} answers each with the next state and the {@link UiEffect}s
 * for the entry (`ui.ts`) to carry out. No DOM and no tensors here, so Node tests drive it. The
 * speed of this machine, for the estimates, is measured once, when first needed, as an effect.
 */
import type { BackendPreference } from '@nst/browser/backend-preference';
import { formatDuration } from '@nst/browser/format-duration';
import type { RgbaImage, StylizeProgress } from '@nst/core';
import type { JobSpeed } from '@nst/browser/estimate-style-job';
import type { MainToUi, PluginSettings, SelectedNode, UiToMain } from '../protocol.js';
import { DEFAULT_SETTINGS, QUALITIES, readSettings, styleChoices } from '../settings.js';
import { estimateRunJobs, runTimeLeft, totalSeconds } from './run-estimate.js';

/** A job from the main thread: one layer (or one variation of it) to style. */
export type Job = Extract<MainToUi, { type: 'job' }>;

/** A style the user can pick: a preset, an image from the document or an uploaded file. */
export interface StyleOption {
  readonly name: string;
  readonly title: string;
  readonly bytes: Uint8Array;
}

/** A run going: the settings and layers it started with, and each job's estimated seconds once the speed is known. */
export interface Run {
  readonly settings: PluginSettings;
  readonly nodes: readonly SelectedNode[];
  readonly jobSeconds: readonly number[] | undefined;
}

/** What the UI shows. */
export interface UiState {
  readonly settings: PluginSettings;
  readonly styles: readonly StyleOption[];
  readonly selection: readonly SelectedNode[];
  /** The run in progress. */
  readonly run: Run | undefined;
  readonly status: { readonly text: string; readonly error: boolean };
  /** 0…1 across the run's jobs. */
  readonly progress: number;
  /** The picture so far of the job in progress, while it is shown. */
  readonly preview: RgbaImage | undefined;
  readonly showPreview: boolean;
  readonly backend: { readonly text: string; readonly title: string };
  /** How fast stylize runs on the chosen backend: measured once, when first needed (`undefined`: not yet). */
  readonly speed: JobSpeed | 'measuring' | undefined;
}

/** A settings checkbox. */
export type Toggle = 'preserveColors' | 'keepText' | 'keepVectors' | 'variations';

/** What happens to the UI. */
export type UiEvent =
  | { readonly type: 'message'; readonly message: MainToUi }
  | { readonly type: 'run' | 'cancel' | 'use-selected' }
  | { readonly type: 'choose-style'; readonly name: string }
  | { readonly type: 'toggle-strength'; readonly strength: number }
  | { readonly type: 'strength' | 'quality' | 'placement' | 'backend'; readonly value: string }
  | { readonly type: 'toggle'; readonly setting: Toggle; readonly on: boolean }
  | { readonly type: 'upload'; readonly fileName: string; readonly bytes: Uint8Array }
  | { readonly type: 'add-style'; readonly style: StyleOption }
  | { readonly type: 'notice'; readonly message: string; readonly error: boolean; readonly tellFigma?: boolean }
  | { readonly type: 'backend-ready'; readonly text: string; readonly title: string }
  | { readonly type: 'backend-failed'; readonly message: string }
  | { readonly type: 'speed-measured'; readonly backend: BackendPreference; readonly speed: JobSpeed }
  | { readonly type: 'speed-failed'; readonly backend: BackendPreference }
  | { readonly type: 'progress'; readonly job: Job; readonly progress: StylizeProgress }
  | { readonly type: 'preview'; readonly image: RgbaImage }
  | { readonly type: 'styled'; readonly job: Job; readonly png: Uint8Array }
  | { readonly type: 'job-failed'; readonly job: Job; readonly message: string };

/** What the entry does for the state machine. */
export type UiEffect =
  | { readonly type: 'post'; readonly message: UiToMain }
  | { readonly type: 'start-backend'; readonly backend: BackendPreference }
  | { readonly type: 'measure-speed'; readonly backend: BackendPreference }
  | { readonly type: 'begin-run' | 'abort-run' | 'end-run' }
  | { readonly type: 'style'; readonly job: Job; readonly settings: PluginSettings }
  | { readonly type: 'check-upload'; readonly style: StyleOption; readonly what: string };

/** A state and the effects that go with reaching it. */
export type Transition = readonly [UiState, readonly UiEffect[]];

/** The UI before the main thread has said anything, offering `styles`. */
export function initialUiState(styles: readonly StyleOption[]): UiState {
  return {
    settings: DEFAULT_SETTINGS,
    styles,
    selection: [],
    run: undefined,
    status: { text: '', error: false },
    progress: 0,
    preview: undefined,
    showPreview: false,
    backend: { text: 'Starting…', title: '' },
    speed: undefined,
  };
}

/** Whether a style's button shows as chosen: the one style, or one of the variation styles. */
export function isChecked(settings: PluginSettings, name: string): boolean {
  return settings.variations ? styleChoices(settings).some((c) => c.styleName === name) : name === settings.styleName;
}

/** The line above the styles: how many layers are selected, and the first few names. */
export function selectionText(selection: readonly SelectedNode[]): string {
  const names = selection.map((n) => n.name);
  return selection.length === 0
    ? 'Select frames or layers to style.'
    : `${selection.length} selected: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
}

/** The Style button's label: how many layers or copies a run makes. */
export function runLabel(state: UiState): string {
  const copies = state.settings.variations ? styleChoices(state.settings).length : 1;
  const count = state.selection.length;
  return copies > 1 ? `Style ${count * copies} copies` : count > 1 ? `Style ${count} layers` : 'Style';
}

/** A quality whose runs are long (High · 1024 px, Full size): picking it measures the speed, for the estimate. */
export const isLongQuality = (settings: PluginSettings): boolean => settings.size === 0 || settings.size >= 1024;

/** The speed, when it has been measured. */
const measured = (state: UiState): JobSpeed | undefined => (typeof state.speed === 'object' ? state.speed : undefined);

/** "about 3 min on this machine": the estimate of a run of `settings` over `nodes`, or '' before the speed is known or with nothing selected. */
export function estimateText(state: UiState, nodes = state.selection, settings = state.settings): string {
  const speed = measured(state);
  if (speed === undefined || nodes.length === 0) return '';
  return `${formatDuration(totalSeconds(estimateRunJobs(nodes, settings, speed)))} on this machine`;
}

/** The line by the Style button before a run: the estimate, capitalised; '' during a run. */
export function runHint(state: UiState): string {
  const text = state.run === undefined ? estimateText(state) : '';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether Style can be pressed: something selected, no run going. */
export const canRun = (state: UiState): boolean => state.run === undefined && state.selection.length > 0;

/** The Quality picker: the offered qualities, a Custom one for settings that match none, and the one chosen. */
export function qualityChoice(settings: PluginSettings): {
  readonly options: readonly { readonly id: string; readonly label: string }[];
  readonly value: string;
} {
  const quality = QUALITIES.find((q) => q.size === settings.size && q.iterations === settings.iterations);
  const custom = { id: 'custom', label: `Custom · ${settings.size || 'full'} px, ${settings.iterations} iterations` };
  return { options: [...QUALITIES, ...(quality === undefined ? [custom] : [])], value: quality?.id ?? 'custom' };
}

const notice = (state: UiState, text: string, error: boolean, tellFigma = false): Transition => [
  { ...state, status: { text, error } },
  tellFigma ? [{ type: 'post', message: { type: 'notify', message: text, error } }] : [],
];

/** Measures the speed if it is neither known nor being measured. */
const needSpeed = (state: UiState): Transition =>
  state.speed === undefined
    ? [{ ...state, speed: 'measuring' }, [{ type: 'measure-speed', backend: state.settings.backend }]]
    : [state, []];

/** Measures the speed for a long quality, between runs (a measurement beside a job would slow both). */
const measureIfLong = (state: UiState): Transition =>
  isLongQuality(state.settings) && state.run === undefined ? needSpeed(state) : [state, []];

/** The status line as a run starts, before its first iteration: with the estimate once it is known. */
const startText = (state: UiState, run: Run): string => {
  const estimate = estimateText(state, run.nodes, run.settings);
  return estimate === '' ? 'Exporting…' : `Exporting… · ${estimate}`;
};

/** A run of the selection with the current settings, with its estimates when the speed is known. */
const newRun = (state: UiState): Run => {
  const speed = measured(state);
  return {
    settings: state.settings,
    nodes: state.selection,
    jobSeconds: speed === undefined ? undefined : estimateRunJobs(state.selection, state.settings, speed),
  };
};

const startBackend = (state: UiState): Transition => [
  { ...state, backend: { ...state.backend, text: 'Starting the compute backend…' } },
  [{ type: 'start-backend', backend: state.settings.backend }],
];

/** A change to the settings: checked, saved, and the backend restarted when it changed. */
function update(state: UiState, change: Partial<PluginSettings>): Transition {
  const settings = readSettings({ ...state.settings, ...change });
  const next = { ...state, settings };
  const save: UiEffect = { type: 'post', message: { type: 'save-settings', settings } };
  if (settings.backend === state.settings.backend) return [next, [save]];
  const [started, effects] = startBackend({ ...next, speed: undefined }); // measured on the old backend
  return [started, [save, ...effects]];
}

/** A click on a style: choose it, or with variations on, add it to or take it out of the set. */
function chooseStyle(state: UiState, name: string): Transition {
  if (!state.settings.variations) return update(state, { styleName: name });
  const current = styleChoices(state.settings).map((c) => c.styleName);
  const chosen = current.includes(name) ? current.filter((n) => n !== name) : [...new Set([...current, name])];
  return update(state, { variationStyles: chosen, ...(chosen[0] !== undefined ? { styleName: chosen[0] } : {}) });
}

function addStyle(state: UiState, style: StyleOption): Transition {
  const at = state.styles.findIndex((s) => s.name === style.name);
  const styles = at < 0 ? [...state.styles, style] : state.styles.map((s, i) => (i === at ? style : s));
  return update({ ...state, styles }, { styleName: style.name });
}

function progressText(state: UiState, job: Job, progress: StylizeProgress): string {
  const seconds = runTimeLeft(state.run?.jobSeconds, job, progress);
  const left = seconds === undefined ? '' : ` · ${formatDuration(seconds)} left`;
  const scaled = job.downscaledFrom === undefined ? '' : `, scaled down from ${job.downscaledFrom.width}×${job.downscaledFrom.height}`;
  const variation = state.run?.settings.variations === true ? ` · ${job.choice.styleName}, strength ${job.choice.strength}` : '';
  const crisp = job.keptLayers > 0 ? `, ${job.keptLayers} text layer${job.keptLayers === 1 ? '' : 's'} kept crisp` : '';
  return `Styling “${job.name}”${variation} (${job.index} of ${job.total}${scaled}${crisp}) · iteration ${progress.iteration} of ${progress.iterations}${left}`;
}

function receive(state: UiState, message: MainToUi): Transition {
  switch (message.type) {
    case 'settings': {
      const known = (name: string) => state.styles.some((s) => s.name === name);
      const styleName = known(message.settings.styleName)
        ? message.settings.styleName
        : (state.styles[0]?.name ?? message.settings.styleName);
      // Styles taken from a document or a file last time are not loaded now: leave them out of the set.
      const settings = { ...message.settings, styleName, variationStyles: message.settings.variationStyles.filter(known) };
      return startBackend({ ...state, settings, speed: settings.backend === state.settings.backend ? state.speed : undefined });
    }
    case 'selection':
      return [{ ...state, selection: message.nodes }, []];
    case 'job': {
      const run = state.run ?? newRun(state);
      return [{ ...state, run }, [{ type: 'style', job: message, settings: run.settings }]];
    }
    case 'style-image': {
      const [added, effects] = addStyle(state, { name: message.name, title: `${message.name} — from the document`, bytes: message.bytes });
      return [notice(added, `Style: “${message.name}” from the document.`, false)[0], effects];
    }
    case 'placed':
      return [state, []];
    case 'done': {
      const things = state.run?.settings.variations === true ? 'copies' : 'layers';
      const skipped = message.skipped.map((s) => `“${s.name}”: ${s.reason}`).join('; ');
      const what = `${message.cancelled ? 'Cancelled. ' : ''}Styled ${message.placed} of ${message.placed + message.skipped.length} ${things}.`;
      const [next] = notice(
        { ...state, run: undefined, progress: 0 },
        skipped === '' ? what : `${what} Skipped ${skipped}.`,
        message.placed === 0 && message.skipped.length > 0,
      );
      return [next, [{ type: 'end-run' }]];
    }
    case 'notice':
      return notice(state, message.message, message.error);
  }
}

/** The speed measured: kept; a run going gets its estimates, and says them if it has not reported an iteration yet. */
function withSpeed(state: UiState, speed: JobSpeed): UiState {
  const next = { ...state, speed };
  if (state.run === undefined || state.run.jobSeconds !== undefined) return next;
  const run = { ...state.run, jobSeconds: estimateRunJobs(state.run.nodes, state.run.settings, speed) };
  const waiting = state.progress === 0 && !state.status.error;
  return { ...next, run, ...(waiting ? { status: { text: startText(next, run), error: false } } : {}) };
}

/** The state after `event`, and what the entry is to do. */
export function nextUiState(state: UiState, event: UiEvent): Transition {
  const settings = state.settings;
  switch (event.type) {
    case 'message':
      return receive(state, event.message);
    case 'run': {
      if (!canRun(state)) return [state, []];
      const [measuring, measure] = needSpeed(state);
      const run = newRun(measuring);
      const [next] = notice({ ...measuring, run, showPreview: false }, startText(measuring, run), false);
      return [next, [...measure, { type: 'begin-run' }, { type: 'post', message: { type: 'stylize-selection', settings } }]];
    }
    case 'cancel':
      return [notice(state, 'Cancelling…', false)[0], [{ type: 'abort-run' }, { type: 'post', message: { type: 'cancel' } }]];
    case 'use-selected':
      return [state, [{ type: 'post', message: { type: 'use-selected-image-as-style' } }]];
    case 'choose-style':
      return chooseStyle(state, event.name);
    case 'toggle-strength': {
      const on = settings.variationStrengths.includes(event.strength);
      return update(state, {
        variationStrengths: on
          ? settings.variationStrengths.filter((x) => x !== event.strength)
          : [...settings.variationStrengths, event.strength],
      });
    }
    case 'strength':
      return update(state, { strength: Number(event.value) });
    case 'quality': {
      const quality = QUALITIES.find((q) => q.id === event.value);
      if (quality === undefined) return [state, []];
      const [next, effects] = update(state, { size: quality.size, iterations: quality.iterations });
      const [measuring, measure] = measureIfLong(next);
      return [measuring, [...effects, ...measure]];
    }
    case 'placement':
      return update(state, { placement: readSettings({ placement: event.value }).placement });
    case 'backend':
      return update(state, { backend: readSettings({ backend: event.value }).backend });
    case 'toggle':
      if (event.setting === 'variations') {
        return update(state, {
          variations: event.on,
          ...(settings.variationStyles.length === 0 ? { variationStyles: [settings.styleName] } : {}),
        });
      }
      return update(state, { [event.setting]: event.on });
    case 'upload': {
      const style = { name: event.fileName.replace(/\.[^.]+$/, ''), title: `${event.fileName} — uploaded`, bytes: event.bytes };
      return [state, [{ type: 'check-upload', style, what: `file “${event.fileName}”` }]];
    }
    case 'add-style':
      return addStyle(state, event.style);
    case 'notice':
      return notice(state, event.message, event.error, event.tellFigma);
    case 'backend-ready':
      return measureIfLong({ ...state, backend: { text: event.text, title: event.title } });
    case 'backend-failed':
      return [{ ...state, backend: { ...state.backend, text: event.message } }, []];
    case 'progress': {
      const { job, progress } = event;
      const fraction = (job.index - 1 + progress.fraction) / job.total;
      return [{ ...state, progress: fraction, status: { text: progressText(state, job, progress), error: false } }, []];
    }
    case 'speed-measured':
      return [event.backend === settings.backend ? withSpeed(state, event.speed) : state, []];
    case 'speed-failed':
      return [event.backend === settings.backend && state.speed === 'measuring' ? { ...state, speed: undefined } : state, []];
    case 'preview':
      return [{ ...state, preview: event.image, showPreview: true }, []];
    case 'styled':
      return [state, [{ type: 'post', message: { type: 'result', nodeId: event.job.nodeId, index: event.job.index, png: event.png } }]];
    case 'job-failed': {
      const { job, message } = event;
      const [next] = notice(state, `“${job.name}”: ${message}`, true);
      return [next, [{ type: 'post', message: { type: 'job-failed', nodeId: job.nodeId, index: job.index, message } }]];
    }
  }
}
