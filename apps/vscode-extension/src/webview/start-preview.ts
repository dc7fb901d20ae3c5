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
import { initialPreviewState, nextPreviewState, type PreviewEffect, type PreviewEvent } from './preview-state.js';
import { createPreviewView } from './preview-view.js';
import type { VsCodeApi } from './vscode-api.js';

/** What the page keeps across hide/show: the user's changes to the controls. */
export interface PreviewState {
  readonly controls?: Partial<PreviewSettings>;
}

/** Starts the Style Preview page in `root`; returns the handler of the host's messages. */
export function startPreview(api: VsCodeApi<PreviewState>, root: HTMLElement, runner: StyleRunner): (message: HostToWebview) => void {
  let state = initialPreviewState(api.getState()?.controls);
  let network: FeatureNetwork | undefined;
  let running: AbortController | undefined;
  const render = createPreviewView(root, dispatch);

  function dispatch(event: PreviewEvent): void {
    const [next, effects] = nextPreviewState(state, event);
    state = next;
    render(state);
    for (const effect of effects) perform(effect);
  }

  const decode = (file: ImageFile, what: string) => decodeImage(file.bytes, `${what} “${file.name}”`, { fitWithin: MAX_PREVIEW_SIZE });

  async function load(message: Extract<HostToWebview, { type: 'preview' }>): Promise<void> {
    try {
      dispatch({ type: 'status', text: 'Reading the images…' });
      dispatch({ type: 'style-loaded', image: await decode(message.style, 'style image') });
      dispatch({ type: 'content-loaded', name: message.content.name, image: await decode(message.content, 'content image') });
      dispatch({ type: 'backend', text: 'Starting…' });
      dispatch({ type: 'status', text: `Starting ${BACKEND_NAMES[message.settings.backend]}…` });
      dispatch({
        type: 'backend',
        text: runsOn(await runner.backend(message.settings.backend), await runner.tiles(message.settings.backend)),
      });
      dispatch({ type: 'status', text: 'Drawing the style fingerprint…' });
      network = await networkFor(message.modelUrl);
      const style = state.style?.image;
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

  async function stylize(effect: Extract<PreviewEffect, { type: 'stylize' }>): Promise<void> {
    const controller = new AbortController();
    running = controller;
    const { run, settings: s } = effect;
    try {
      if (network === undefined) throw new Error('The network is not loaded yet.');
      const started = performance.now();
      const job = {
        content: effect.content,
        style: effect.style,
        network,
        maxSize: s.size,
        iterations: s.iterations,
        strength: s.strength,
        preserveColors: s.preserveColors,
        backend: s.backend,
      };
      const result: RgbaImage = await runStyleJob(runner, job, {
        signal: controller.signal,
        onProgress: (p) =>
          dispatch({
            type: 'progress',
            run,
            fraction: p.fraction,
            iteration: p.iteration,
            iterations: p.iterations,
            elapsedMs: p.elapsedMs,
          }),
        onPreview: (image) => dispatch({ type: 'preview', run, image }),
      });
      dispatch({ type: 'styled', run, result, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      if (error instanceof CancelledError) dispatch({ type: 'cancelled', run });
      // A failure of a run that Apply replaced says nothing: only the latest run's failure is shown.
      else if (running === controller) dispatch({ type: 'failed', message: messageOf(error), fatal: false });
    } finally {
      if (running === controller) running = undefined;
      dispatch({ type: 'run-ended', run });
    }
  }

  function perform(effect: PreviewEffect): void {
    switch (effect.type) {
      case 'load':
        void load(effect.message);
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
        void stylize(effect);
        return;
      case 'abort':
        running?.abort();
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

  render(state);
  return (message) => dispatch({ type: 'message', message });
}
