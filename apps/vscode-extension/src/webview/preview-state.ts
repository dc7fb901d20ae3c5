/**
 * The Style Preview page's state machine. What the page shows is a function of
 * {@link PreviewState}; what happens to it (a host message, a click, a step of loading, a
 * job's progress) is a {@link PreviewEvent}; {@link nextPreviewState} answers with the next state
 * and the {@link PreviewEffect}s for the entry to carry out. No DOM and no tfjs: Node tests drive it.
 */
import { formatDuration } from '@nst/browser/format-duration';
import { timeLeftSeconds } from '@nst/browser/time-left';
import type { RgbaImage } from '@nst/core';
import { readPreviewSettings } from '../preview-settings.js';
import type { HostToWebview, PreviewSettings } from '../protocol.js';
import type { PaletteColor } from './palette.js';

/** One style layer's Gram matrix, drawn. */
export interface Heatmap {
  readonly layer: string;
  readonly channels: number;
  readonly image: RgbaImage;
}

/** What the page shows. */
export interface PreviewState {
  /** The settings the host sent (`undefined` until it has). */
  readonly settings: PreviewSettings | undefined;
  /** What the controls hold, read as settings. */
  readonly controls: PreviewSettings;
  /** The controls as the user last changed them, kept across hide/show (`undefined`: never changed). */
  readonly saved: Partial<PreviewSettings> | undefined;
  /** Set when the controls are to be redrawn from {@link controls}; kept while the user types. */
  readonly controlsShown: PreviewSettings;
  readonly canSave: boolean;
  readonly style: { readonly name: string; readonly bytes: Uint8Array; readonly image: RgbaImage | undefined } | undefined;
  readonly content: { readonly name: string; readonly image: RgbaImage } | undefined;
  readonly networkReady: boolean;
  readonly palette: readonly PaletteColor[];
  readonly heatmaps: readonly Heatmap[];
  /** The content as drawn beside the result (drawn when a run starts). */
  readonly contentShown: RgbaImage | undefined;
  /** The result, or the picture so far. */
  readonly resultShown: RgbaImage | undefined;
  readonly result: RgbaImage | undefined;
  /** The run going, numbered so that only the latest one's end is heard. */
  readonly run: number;
  readonly running: boolean;
  readonly progress: number;
  readonly status: string;
  readonly backend: string;
  readonly error: string | undefined;
  /** Nothing can work (no style): only the error shows. */
  readonly fatal: boolean;
  readonly saveDisabled: boolean;
  readonly saveTitle: string;
}

/** The controls' raw values, as the view reads them. */
export interface ControlValues {
  readonly strength: string;
  readonly size: string;
  readonly iterations: string;
  readonly preserveColors: boolean;
}

/** What happens to the page. */
export type PreviewEvent =
  | { readonly type: 'message'; readonly message: HostToWebview }
  | { readonly type: 'controls'; readonly values: ControlValues }
  | { readonly type: 'apply' | 'cancel' | 'pick' | 'save' }
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'backend'; readonly text: string }
  | { readonly type: 'style-loaded'; readonly image: RgbaImage }
  | { readonly type: 'content-loaded'; readonly name: string; readonly image: RgbaImage }
  | { readonly type: 'palette'; readonly palette: readonly PaletteColor[] }
  | { readonly type: 'loaded'; readonly heatmaps: readonly Heatmap[] }
  | { readonly type: 'failed'; readonly message: string; readonly fatal: boolean }
  | RunEvent;

/** What a run reports, tagged with its number: a run that Apply replaced may still report, and is not heard. */
type RunEvent = { readonly run: number } & (
  | {
      readonly type: 'progress';
      readonly fraction: number;
      readonly iteration: number;
      readonly iterations: number;
      readonly elapsedMs: number;
    }
  | { readonly type: 'preview'; readonly image: RgbaImage }
  | { readonly type: 'styled'; readonly result: RgbaImage; readonly seconds: number }
  | { readonly type: 'cancelled' }
  | { readonly type: 'run-ended' }
);

/** What the entry does for the state machine. */
export type PreviewEffect =
  | { readonly type: 'load'; readonly message: Extract<HostToWebview, { type: 'preview' }> }
  | { readonly type: 'load-content'; readonly message: Extract<HostToWebview, { type: 'content' }> }
  | {
      readonly type: 'stylize';
      readonly run: number;
      readonly content: RgbaImage;
      readonly style: RgbaImage;
      readonly settings: PreviewSettings;
    }
  | { readonly type: 'abort' | 'pick-content' }
  | { readonly type: 'remember'; readonly controls: PreviewSettings }
  | { readonly type: 'save'; readonly result: RgbaImage };

/** A state and the effects that go with reaching it. */
export type PreviewTransition = readonly [PreviewState, readonly PreviewEffect[]];

/** The page before the host has said anything; `saved`: the controls kept from last time. */
export function initialPreviewState(saved: Partial<PreviewSettings> | undefined): PreviewState {
  const controls = readPreviewSettings((key) => saved?.[key as keyof PreviewSettings]);
  return {
    settings: undefined,
    controls,
    saved,
    controlsShown: controls,
    canSave: false,
    style: undefined,
    content: undefined,
    networkReady: false,
    palette: [],
    heatmaps: [],
    contentShown: undefined,
    resultShown: undefined,
    result: undefined,
    run: 0,
    running: false,
    progress: 0,
    status: '',
    backend: 'Starting…',
    error: undefined,
    fatal: false,
    saveDisabled: true,
    saveTitle: '',
  };
}

const fail = (state: PreviewState, message: string, fatal: boolean): PreviewState =>
  fatal ? { ...state, error: message, fatal, status: '', backend: '' } : { ...state, error: message };

/** Apply: style the content with the controls' settings, stopping a run that is going. */
function apply(state: PreviewState): PreviewTransition {
  const { style, content, settings } = state;
  if (style?.image === undefined || content === undefined || !state.networkReady || settings === undefined) return [state, []];
  const s = { ...state.controls, backend: settings.backend };
  const run = state.run + 1;
  const next: PreviewState = {
    ...state,
    run,
    running: true,
    progress: 0,
    result: undefined,
    saveDisabled: true,
    contentShown: content.image,
    status: `Styling ${content.name} at ${Math.min(s.size, Math.max(content.image.width, content.image.height))} px…`, // the first iteration may take a while (GPU programs compile)
  };
  return [
    next,
    [
      ...(state.running ? [{ type: 'abort' } as const] : []),
      { type: 'stylize', run, content: content.image, style: style.image, settings: s },
    ],
  ];
}

function receive(state: PreviewState, message: HostToWebview): PreviewTransition {
  switch (message.type) {
    case 'preview': {
      const controls = readPreviewSettings(
        (key) => state.saved?.[key as keyof PreviewSettings] ?? message.settings[key as keyof PreviewSettings],
      );
      const style = { name: message.style.name, bytes: message.style.bytes, image: undefined };
      const next = {
        ...state,
        error: undefined,
        fatal: false,
        settings: message.settings,
        canSave: message.canSave,
        controls,
        controlsShown: controls,
        style,
      };
      return [next, [{ type: 'load', message }]];
    }
    case 'content':
      return [state, [{ type: 'load-content', message }]];
    case 'load-failed':
      return [fail(state, message.message, true), []];
    case 'saved':
      return [{ ...state, status: `Saved to ${message.path}`, saveDisabled: false }, []];
    case 'save-failed':
      return [{ ...fail(state, message.message, false), saveDisabled: false }, []];
    case 'save-cancelled':
      return [{ ...state, status: 'Not saved.', saveDisabled: false }, []];
    case 'compare':
      return [state, []];
  }
}

/** The state after `event`, and what the entry is to do. */
export function nextPreviewState(state: PreviewState, event: PreviewEvent): PreviewTransition {
  if ('run' in event && event.run !== state.run) return [state, []];
  switch (event.type) {
    case 'message':
      return receive(state, event.message);
    case 'controls': {
      const v = event.values;
      const raw: Readonly<Record<string, unknown>> = {
        strength: Number(v.strength),
        size: Number(v.size),
        iterations: Number(v.iterations),
        preserveColors: v.preserveColors,
      };
      const controls = readPreviewSettings((key) => (key === 'backend' ? (state.settings ?? state.controls).backend : raw[key]));
      return [{ ...state, controls, saved: controls }, [{ type: 'remember', controls }]];
    }
    case 'apply':
      return apply(state);
    case 'cancel':
      return [state, state.running ? [{ type: 'abort' }] : []];
    case 'pick':
      return [state, [{ type: 'pick-content' }]];
    case 'save':
      return state.result === undefined
        ? [state, []]
        : [{ ...state, saveDisabled: true, status: 'Saving…' }, [{ type: 'save', result: state.result }]];
    case 'status':
      return [{ ...state, status: event.text }, []];
    case 'backend':
      return [{ ...state, backend: event.text }, []];
    case 'style-loaded':
      return [state.style === undefined ? state : { ...state, style: { ...state.style, image: event.image } }, []];
    case 'content-loaded':
      return [{ ...state, content: { name: event.name, image: event.image } }, []];
    case 'palette':
      return [{ ...state, palette: event.palette }, []];
    case 'loaded':
      return apply({ ...state, heatmaps: event.heatmaps, networkReady: true });
    case 'failed':
      return [fail(state, event.message, event.fatal), []];
    case 'progress': {
      const seconds = timeLeftSeconds(event);
      const left = seconds === undefined ? '' : ` · ${formatDuration(seconds)} left`;
      return [{ ...state, progress: event.fraction, status: `Iteration ${event.iteration} of ${event.iterations}${left}` }, []];
    }
    case 'preview':
      return [{ ...state, resultShown: event.image }, []];
    case 'styled':
      return [
        {
          ...state,
          result: event.result,
          resultShown: event.result,
          status: `Done in ${event.seconds.toFixed(1)} s.`,
          saveDisabled: !state.canSave,
          saveTitle: state.canSave ? '' : 'Saving is off in an untrusted workspace.',
        },
        [],
      ];
    case 'cancelled':
      return [{ ...state, status: 'Cancelled.' }, []];
    case 'run-ended':
      return [{ ...state, running: false }, []];
  }
}
