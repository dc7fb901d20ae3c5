/**
 * The Style Preview page's view: the style image, its fingerprint (a Gram-matrix heatmap per style
 * layer and the dominant colours), and the style applied to a content image with live progress,
 * Cancel and Save. It renders a {@link PreviewState} and forwards what the user does as
 * {@link PreviewEvent}s; it decides nothing (see `preview-state.ts`).
 */
import { drawPixels } from '@nst/browser';
import { MAX_PREVIEW_SIZE } from '../preview-settings.js';
import { h, imageUrl } from './dom.js';
import type { PreviewEvent, PreviewState } from './preview-state.js';

type Dispatch = (event: PreviewEvent) => void;

/** The page's elements that the view reads or writes. */
function previewElements() {
  return {
    styleName: h('h1'),
    backend: h('p', { class: 'muted', id: 'backend' }, 'Starting…'),
    error: h('p', { class: 'error', id: 'error', role: 'alert', hidden: true }),
    styleImage: h('img', { id: 'style-image', alt: 'The style image' }),
    palette: h('div', { class: 'palette', id: 'palette', 'aria-label': 'Dominant colours' }),
    heatmaps: h('div', { class: 'heatmaps', id: 'heatmaps' }),
    contentName: h('span', { id: 'content-name' }),
    pick: h('button', { id: 'pick-content', class: 'secondary', type: 'button' }, 'Choose image…'),
    strength: h('input', { id: 'strength', type: 'range', min: 0, max: 1, step: 0.05 }),
    size: h('input', { id: 'size', type: 'number', min: 32, max: MAX_PREVIEW_SIZE, step: 32 }),
    iterations: h('input', { id: 'iterations', type: 'number', min: 1, max: 1000 }),
    preserveColors: h('input', { id: 'preserve-colors', type: 'checkbox' }),
    apply: h('button', { id: 'apply', type: 'button' }, 'Apply'),
    cancel: h('button', { id: 'cancel', class: 'secondary', type: 'button', hidden: true }, 'Cancel'),
    progress: h('progress', { id: 'progress', max: 1, value: 0, hidden: true }),
    status: h('p', { id: 'status', role: 'status' }),
    content: h('canvas', { id: 'content', 'aria-label': 'Content image' }),
    result: h('canvas', { id: 'result', 'aria-label': 'Stylized result' }),
    save: h('button', { id: 'save', type: 'button', disabled: true }, 'Save result'),
  };
}

type PreviewElements = ReturnType<typeof previewElements>;

/** Puts the elements into `root`: a header, the error line, and the page's two sections (returned). */
function layOut(root: HTMLElement, ui: PreviewElements): HTMLElement[] {
  const label = (text: string, control: HTMLElement) => h('label', {}, text, control);
  const sections = [
    h(
      'section',
      { class: 'style' },
      h('figure', {}, ui.styleImage),
      h('div', { class: 'fingerprint' }, h('h2', {}, 'Style fingerprint'), ui.palette, ui.heatmaps),
    ),
    h(
      'section',
      { class: 'apply' },
      h('h2', {}, 'Applied to ', ui.contentName, ' ', ui.pick),
      h(
        'div',
        { class: 'controls' },
        label('Strength', ui.strength),
        label('Size (px)', ui.size),
        label('Iterations', ui.iterations),
        label('Keep colours', ui.preserveColors),
        ui.apply,
        ui.cancel,
      ),
      ui.progress,
      ui.status,
      h('div', { class: 'pair' }, ui.content, ui.result),
      ui.save,
    ),
  ];
  root.append(h('header', {}, ui.styleName, ui.backend), ui.error, ...sections);
  return sections;
}

/** Forwards the user's changes and clicks as events. */
function bindControls(ui: PreviewElements, dispatch: Dispatch): void {
  const values = () => ({
    strength: ui.strength.value,
    size: ui.size.value,
    iterations: ui.iterations.value,
    preserveColors: ui.preserveColors.checked,
  });
  for (const control of [ui.strength, ui.size, ui.iterations, ui.preserveColors])
    control.addEventListener('change', () => dispatch({ type: 'controls', values: values() }));
  ui.apply.addEventListener('click', () => dispatch({ type: 'apply' }));
  ui.cancel.addEventListener('click', () => dispatch({ type: 'cancel' }));
  ui.pick.addEventListener('click', () => dispatch({ type: 'pick' }));
  ui.save.addEventListener('click', () => dispatch({ type: 'save' }));
}

/** One swatch per dominant colour, as wide as its share. */
function swatches(palette: PreviewState['palette']): HTMLElement[] {
  return palette.map(({ rgb, share }) => {
    const swatch = h('span', { class: 'swatch', title: `rgb(${rgb.join(', ')}) · ${Math.round(share * 100)}%` });
    swatch.style.background = `rgb(${rgb.join(',')})`; // CSSOM, which the CSP allows (inline style attributes it does not)
    swatch.style.flexGrow = String(share);
    return swatch;
  });
}

/** One captioned canvas per style layer's Gram heatmap. */
function heatmapFigures(heatmaps: PreviewState['heatmaps']): HTMLElement[] {
  return heatmaps.map(({ layer, channels, image }) => {
    const canvas = h('canvas', {
      class: 'heatmap',
      'data-layer': layer,
      title: `${layer}: ${channels}×${channels} feature correlations`,
    });
    drawPixels(canvas, image);
    return h('figure', {}, canvas, h('figcaption', {}, `${layer} · ${channels}`));
  });
}

/** The controls, the style image and its fingerprint, where they changed since `shown`. */
function renderStyle(ui: PreviewElements, state: PreviewState, shown: PreviewState | undefined): void {
  if (state.controlsShown !== shown?.controlsShown) {
    const c = state.controlsShown;
    ui.strength.value = String(c.strength);
    ui.size.value = String(c.size);
    ui.iterations.value = String(c.iterations);
    ui.preserveColors.checked = c.preserveColors;
  }
  if (state.style !== undefined && state.style.bytes !== shown?.style?.bytes) {
    ui.styleName.textContent = state.style.name;
    ui.styleImage.src = imageUrl(state.style.bytes);
  }
  if (state.palette !== shown?.palette) ui.palette.replaceChildren(...swatches(state.palette));
  if (state.heatmaps !== shown?.heatmaps) ui.heatmaps.replaceChildren(...heatmapFigures(state.heatmaps));
}

/** The content and result images, the error, and the run's status, progress and Save. */
function renderRun(ui: PreviewElements, sections: readonly HTMLElement[], state: PreviewState, shown: PreviewState | undefined): void {
  if (state.content !== undefined) ui.contentName.textContent = state.content.name;
  if (state.contentShown !== undefined && state.contentShown !== shown?.contentShown) drawPixels(ui.content, state.contentShown);
  if (state.resultShown !== undefined && state.resultShown !== shown?.resultShown) drawPixels(ui.result, state.resultShown);
  ui.error.textContent = state.error ?? '';
  ui.error.hidden = state.error === undefined;
  for (const section of sections) section.hidden = state.fatal;
  ui.backend.textContent = state.backend;
  ui.status.textContent = state.status;
  ui.cancel.hidden = !state.running;
  ui.progress.hidden = !state.running;
  ui.progress.value = state.progress;
  ui.save.disabled = state.saveDisabled;
  ui.save.title = state.saveTitle;
}

/** Builds the page in `root`, bound to `dispatch`; returns the function that renders a state. */
export function createPreviewView(root: HTMLElement, dispatch: Dispatch): (state: PreviewState) => void {
  const ui = previewElements();
  const sections = layOut(root, ui);
  bindControls(ui, dispatch);
  let shown: PreviewState | undefined;
  return (state) => {
    renderStyle(ui, state, shown);
    renderRun(ui, sections, state, shown);
    shown = state;
  };
}
