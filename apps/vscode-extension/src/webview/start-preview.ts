/**
 * Wires the Style Preview page: its state machine (`preview-state.ts`), its view
 * (`preview-view.ts`) and the effects they ask for: decoding, the backend, the network, the
 * fingerprint, the style job, and messages to the host. The controls are kept with `setState`,
 * so they survive the panel being hidden.
 */
import { decodeImage, encodePng, runStyleJob, runsOn, type StyleRunner } from '@nst/browser';
import { CancelledError, messageOf, type FeatureNetwork, type RgbaImage } from '@nst/core';
import { MAX_PREVIEW_SIZE } from '../preview-settings.js';
import type { HostToWebview, ImageFile, PreviewSettings } from '../protocol.js';
import { BACKEND_NAMES } from './backend-names.js';
import { styleFingerprint } from './fingerprint.js';
import { gramHeatmap } from './heatmap.js';
import { networkFor } from './network.js';
import { dominantColors } from './palette.js';
import { initialPreviewState, nextPreviewState, type PreviewEffect, type PreviewEvent, type PreviewState } from './preview-state.js';
import { createPreviewView } from './preview-view.js';
import type { VsCodeApi } from './vscode-api.js';

/** What the page keeps across hide/show (`vscode.setState`): the user's changes to the controls, not the page's whole {@link PreviewState}. */
export interface RememberedControls {
  readonly controls?: Partial<PreviewSettings>;
}

/** What the page's effects share: the host, the runner, the network once loaded and the run in flight. */
interface PreviewPage {
  readonly api: VsCodeApi<RememberedControls>;
  readonly runner: StyleRunner;
  readonly dispatch: (event: PreviewEvent) => void;
  /** The page's state now. */
  readonly state: () => PreviewState;
  network?: FeatureNetwork;
  running?: AbortController;
}

const decode = (file: ImageFile, what: string) => decodeImage(file.bytes, `${what} “${file.name}”`, { fitWithin: MAX_PREVIEW_SIZE });

/** Decodes both images, starts the backend, loads the network and draws the style's fingerprint. */
async function load(page: PreviewPage, message: Extract<HostToWebview, { type: 'preview' }>): Promise<void> {
  const { dispatch } = page;
  try {
    dispatch({ type: 'status', text: 'Reading the images…' });
    dispatch({ type: 'style-loaded', image: await decode(message.style, 'style image') });
    dispatch({ type: 'content-loaded', name: message.content.name, image: await decode(message.content, 'content image') });
    dispatch({ type: 'backend', text: 'Starting…' });
    dispatch({ type: 'status', text: `Starting ${BACKEND_NAMES[message.settings.backend]}…` });
    dispatch({
      type: 'backend',
      text: runsOn(await page.runner.backend(message.settings.backend), await page.runner.tiles(message.settings.backend)),
    });
    dispatch({ type: 'status', text: 'Drawing the style fingerprint…' });
    const network = await networkFor(message.modelUrl);
    page.network = network;
    const style = page.state().style?.image;
    if (style === undefined) return;
    dispatch({ type: 'palette', palette: dominantColors(style) });
    const prints = await styleFingerprint(style, network);
    dispatch({
      type: 'loaded',
      heatmaps: prints.map(({ layer, channels, gram }) => ({ layer, channels, image: gramHeatmap(gram, channels) })),
    });
  } catch (error) {
    dispatch({ type: 'failed', message: messageOf(error), fatal: true });
  }
}

/** Runs the style job an effect asks for, with progress and previews; a newer run replaces it. */
async function stylize(page: PreviewPage, effect: Extract<PreviewEffect, { type: 'stylize' }>): Promise<void> {
  const { dispatch } = page;
  const controller = new AbortController();
  page.running = controller;
  const { run, settings: s } = effect;
  try {
    if (page.network === undefined) throw new Error('The network is not loaded yet.');
    const started = performance.now();
    const job = {
      content: effect.content,
      style: effect.style,
      network: page.network,
      maxSize: s.size,
      iterations: s.iterations,
      strength: s.strength,
      preserveColors: s.preserveColors,
      backend: s.backend,
    };
    const result: RgbaImage = await runStyleJob(page.runner, job, {
      signal: controller.signal,
      onProgress: ({ fraction, iteration, iterations, elapsedMs }) =>
        dispatch({ type: 'progress', run, fraction, iteration, iterations, elapsedMs }),
      onPreview: (image) => dispatch({ type: 'preview', run, image }),
    });
    dispatch({ type: 'styled', run, result, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    if (error instanceof CancelledError) dispatch({ type: 'cancelled', run });
    // A failure of a run that Apply replaced says nothing: only the latest run's failure is shown.
    else if (page.running === controller) dispatch({ type: 'failed', message: messageOf(error), fatal: false });
  } finally {
    if (page.running === controller) page.running = undefined;
    dispatch({ type: 'run-ended', run });
  }
}

/** Carries out an effect the state machine asked for. */
function perform(page: PreviewPage, effect: PreviewEffect): void {
  const { api, dispatch } = page;
  switch (effect.type) {
    case 'load':
      void load(page, effect.message);
      return;
    case 'load-content':
      decode(effect.message.content, 'content image').then(
        (image) => {
          dispatch({ type: 'content-loaded', name: effect.message.content.name, image });
          dispatch({ type: 'apply' });
        },
        (error: unknown) => dispatch({ type: 'failed', message: messageOf(error), fatal: false }),
      );
      return;
    case 'stylize':
      void stylize(page, effect);
      return;
    case 'abort':
      page.running?.abort();
      return;
    case 'pick-content':
      api.postMessage({ type: 'pick-content' });
      return;
    case 'remember':
      api.setState({ controls: effect.controls });
      return;
    case 'save':
      void encodePng(effect.result).then((png) => api.postMessage({ type: 'save', png }));
      return;
  }
}

/** Starts the Style Preview page in `root`; returns the handler of the host's messages. */
export function startPreview(api: VsCodeApi<RememberedControls>, root: HTMLElement, runner: StyleRunner): (message: HostToWebview) => void {
  let state = initialPreviewState(api.getState()?.controls);
  const dispatch = (event: PreviewEvent): void => {
    const [next, effects] = nextPreviewState(state, event);
    state = next;
    render(state);
    for (const effect of effects) perform(page, effect);
  };
  const page: PreviewPage = { api, runner, dispatch, state: () => state };
  const render = createPreviewView(root, dispatch);
  render(state);
  return (message) => dispatch({ type: 'message', message });
}
