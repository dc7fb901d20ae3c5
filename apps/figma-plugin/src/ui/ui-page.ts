/**
 * The plugin's UI iframe, where the style transfer runs (the main thread has no GPU and no DOM).
 * It lists the selection, offers the styles and settings, and styles each node the main thread
 * sends, one at a time, answering with a PNG of the same size. Everything it needs is inside
 * ui.html: the presets, tfjs and its wasm binaries. It fetches nothing.
 *
 * This module (started by `ui.ts`) is where the effects happen: the state lives in `ui-state.ts`, the DOM in `ui-view.ts`.
 */
import { createBrowserRunner, decodeImage, encodePng, runStyleJob, runsOn } from '@nst/browser';
import { CancelledError, messageOf, type RgbaImage } from '@nst/core';
import type { MainToUi, PluginSettings, UiToMain } from '../protocol.js';
import { inlineWasm, inlineWasmPaths } from './inline-wasm.js';
import { PRESETS } from './presets.js';
import { initialUiState, nextUiState, type Job, type UiEffect, type UiEvent } from './ui-state.js';
import { createUiView } from './ui-view.js';

const post = (message: UiToMain): void => parent.postMessage({ pluginMessage: message }, '*');

const runner = createBrowserRunner({
  wasmPaths: inlineWasmPaths,
  workers: { wasm: inlineWasm },
  onNotice: (message) => dispatch({ type: 'notice', message, error: false, tellFigma: true }),
});
const render = createUiView(dispatch);
let state = initialUiState(PRESETS.map((p) => ({ name: p.name, title: `${p.name} — ${p.credit}`, bytes: p.bytes })));
/** Stops the run in progress. */
let run: AbortController | undefined;
/** The speed measurement going or done: a job waits for it, so that the two do not share the backend. */
let measuring: Promise<void> = Promise.resolve();
/** Style images decoded so far, by their bytes. */
const decoded = new WeakMap<Uint8Array, Promise<RgbaImage>>();

function dispatch(event: UiEvent): void {
  const [next, effects] = nextUiState(state, event);
  state = next;
  render(state);
  for (const effect of effects) perform(effect);
}

function styleImage(name: string): Promise<RgbaImage> {
  const choice = state.styles.find((s) => s.name === name) ?? state.styles.find((s) => s.name === PRESETS[0]?.name);
  if (choice === undefined) return Promise.reject(new Error(`The style “${name}” is not loaded; choose another.`));
  const image = decoded.get(choice.bytes) ?? decodeImage(choice.bytes, `style image “${choice.name}”`);
  decoded.set(choice.bytes, image);
  return image;
}

async function style(job: Job, s: PluginSettings): Promise<void> {
  const signal = (run ??= new AbortController()).signal;
  await measuring;
  try {
    const content = await decodeImage(job.png, `export of “${job.name}”`);
    const styling = {
      content,
      style: await styleImage(job.choice.styleName),
      iterations: s.iterations,
      strength: job.choice.strength,
      preserveColors: s.preserveColors,
      backend: s.backend,
    };
    const result = await runStyleJob(runner, styling, {
      signal,
      onProgress: (progress) => dispatch({ type: 'progress', job, progress }),
      onPreview: (image) => dispatch({ type: 'preview', image }),
    });
    dispatch({ type: 'styled', job, png: await encodePng(result) });
  } catch (error) {
    if (!(error instanceof CancelledError)) dispatch({ type: 'job-failed', job, message: messageOf(error) });
  }
}

function perform(effect: UiEffect): void {
  switch (effect.type) {
    case 'post':
      return post(effect.message);
    case 'start-backend':
      Promise.all([runner.backend(effect.backend), runner.tiles(effect.backend)]).then(
        ([report, tiles]) =>
          dispatch({
            type: 'backend-ready',
            text: runsOn(report, tiles),
            title: report.skipped.map((s) => `${s.backend}: ${s.reason}`).join('\n'),
          }),
        (error: unknown) => dispatch({ type: 'backend-failed', message: messageOf(error) }),
      );
      return;
    case 'measure-speed':
      measuring = runner.measureSpeed(effect.backend).then(
        (speed) => dispatch({ type: 'speed-measured', backend: effect.backend, speed }),
        () => dispatch({ type: 'speed-failed', backend: effect.backend }), // no estimate; tried again when next needed
      );
      return;
    case 'begin-run':
      run = new AbortController();
      return;
    case 'abort-run':
      run?.abort();
      return;
    case 'end-run':
      run = undefined;
      return;
    case 'style':
      void style(effect.job, effect.settings);
      return;
    case 'check-upload':
      decodeImage(effect.style.bytes, effect.what).then(
        () => dispatch({ type: 'add-style', style: effect.style }),
        (error: unknown) => dispatch({ type: 'notice', message: messageOf(error), error: true }),
      );
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<{ pluginMessage?: MainToUi }>) => {
  const message = event.data?.pluginMessage;
  if (typeof message === 'object' && message !== null && 'type' in message) dispatch({ type: 'message', message });
});
render(state);
post({ type: 'ready' });
