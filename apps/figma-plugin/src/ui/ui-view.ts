/**
 * The plugin UI's view: finds the elements of ui.html, renders a {@link UiState} onto them and
 * forwards what the user does as {@link UiEvent}s. It decides nothing; see `ui-state.ts`.
 */
import { BACKEND_LABELS, BACKEND_PREFERENCES, drawPixels } from '@nst/browser';
import { PLACEMENTS, VARIATION_STRENGTHS } from '../settings.js';
import { canRun, isChecked, qualityChoice, runHint, runLabel, selectionText, type Toggle, type UiEvent, type UiState } from './ui-state.js';

const element = <T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T => {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`ui.html has no #${id} of the expected kind`);
  return found;
};

/** The elements of ui.html that the view reads or writes. */
function findElements() {
  return {
    selection: element('selection', HTMLParagraphElement),
    styles: element('styles', HTMLDivElement),
    useSelected: element('use-selected', HTMLButtonElement),
    upload: element('upload', HTMLInputElement),
    strength: element('strength', HTMLInputElement),
    quality: element('quality', HTMLSelectElement),
    preserveColors: element('preserve-colors', HTMLInputElement),
    keepText: element('keep-text', HTMLInputElement),
    keepVectors: element('keep-vectors', HTMLInputElement),
    variations: element('variations', HTMLInputElement),
    variationStrengths: element('variation-strengths', HTMLDivElement),
    placement: element('placement', HTMLSelectElement),
    backend: element('backend', HTMLSelectElement),
    preview: element('preview', HTMLCanvasElement),
    progress: element('progress', HTMLProgressElement),
    status: element('status', HTMLParagraphElement),
    backendInfo: element('backend-info', HTMLParagraphElement),
    estimate: element('estimate', HTMLParagraphElement),
    cancel: element('cancel', HTMLButtonElement),
    run: element('run', HTMLButtonElement),
  };
}

type UiElements = ReturnType<typeof findElements>;
type Dispatch = (event: UiEvent) => void;

/** Fills the fixed choices and forwards the user's clicks and changes as events. */
function bindControls(ui: UiElements, dispatch: Dispatch): void {
  ui.placement.replaceChildren(...PLACEMENTS.map((p) => new Option(p.label, p.id)));
  ui.backend.replaceChildren(...BACKEND_PREFERENCES.map((b) => new Option(BACKEND_LABELS[b], b)));

  ui.run.addEventListener('click', () => dispatch({ type: 'run' }));
  ui.cancel.addEventListener('click', () => dispatch({ type: 'cancel' }));
  ui.useSelected.addEventListener('click', () => dispatch({ type: 'use-selected' }));
  ui.upload.addEventListener('change', () => {
    const file = ui.upload.files?.[0];
    if (file === undefined) return;
    ui.upload.value = '';
    void file.arrayBuffer().then((buffer) => dispatch({ type: 'upload', fileName: file.name, bytes: new Uint8Array(buffer) }));
  });
  for (const [control, type] of [
    [ui.strength, 'strength'],
    [ui.quality, 'quality'],
    [ui.placement, 'placement'],
    [ui.backend, 'backend'],
  ] as const) {
    control.addEventListener('change', () => dispatch({ type, value: control.value }));
  }
  const toggles: readonly (readonly [HTMLInputElement, Toggle])[] = [
    [ui.preserveColors, 'preserveColors'],
    [ui.keepText, 'keepText'],
    [ui.keepVectors, 'keepVectors'],
    [ui.variations, 'variations'],
  ];
  for (const [box, setting] of toggles) box.addEventListener('change', () => dispatch({ type: 'toggle', setting, on: box.checked }));
}

/** One radio button per style, showing its picture. */
function renderStyles(ui: UiElements, state: UiState, dispatch: Dispatch): void {
  ui.styles.replaceChildren(
    ...state.styles.map((choice) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.role = 'radio';
      button.title = choice.title;
      button.dataset['style'] = choice.name;
      const img = document.createElement('img');
      img.alt = choice.name;
      img.src = URL.createObjectURL(new Blob([new Uint8Array(choice.bytes)]));
      button.append(img);
      button.addEventListener('click', () => dispatch({ type: 'choose-style', name: choice.name }));
      return button;
    }),
  );
}

/** The chips of the variation strengths, pressed where chosen. */
function strengthChips(settings: UiState['settings'], dispatch: Dispatch): HTMLButtonElement[] {
  return VARIATION_STRENGTHS.map(({ label, strength }) => {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'chip';
    chip.textContent = label;
    chip.title = `Strength ${strength}`;
    chip.dataset['strength'] = String(strength);
    chip.setAttribute('aria-pressed', String(settings.variationStrengths.includes(strength)));
    chip.addEventListener('click', () => dispatch({ type: 'toggle-strength', strength }));
    return chip;
  });
}

/** The controls set as `settings` say. */
function renderSettings(ui: UiElements, { settings }: UiState, dispatch: Dispatch): void {
  ui.strength.value = String(settings.strength);
  const quality = qualityChoice(settings);
  ui.quality.replaceChildren(...quality.options.map((q) => new Option(q.label, q.id)));
  ui.quality.value = quality.value;
  ui.preserveColors.checked = settings.preserveColors;
  ui.keepText.checked = settings.keepText;
  ui.keepVectors.checked = settings.keepVectors;
  ui.keepVectors.disabled = !settings.keepText;
  ui.variations.checked = settings.variations;
  ui.placement.value = settings.placement;
  ui.placement.disabled = settings.variations; // variations always go in a row beside
  ui.variationStrengths.hidden = !settings.variations;
  ui.variationStrengths.replaceChildren(...strengthChips(settings, dispatch));
  ui.backend.value = settings.backend;
  for (const button of ui.styles.querySelectorAll('button'))
    button.setAttribute('aria-checked', String(isChecked(settings, button.dataset['style'] ?? '')));
}

/** The selection, the run button, progress, preview and the lines under them. */
function renderRun(ui: UiElements, state: UiState, shown: UiState | undefined): void {
  ui.selection.textContent = selectionText(state.selection);
  ui.run.textContent = runLabel(state);
  ui.run.disabled = !canRun(state);
  ui.cancel.hidden = state.run === undefined;
  ui.progress.hidden = state.run === undefined;
  ui.progress.value = state.progress;
  if (state.preview !== undefined && state.preview !== shown?.preview) drawPixels(ui.preview, state.preview);
  ui.preview.hidden = !state.showPreview;
  ui.status.textContent = state.status.text;
  ui.status.classList.toggle('error', state.status.error);
  ui.backendInfo.textContent = state.backend.text;
  ui.backendInfo.title = state.backend.title;
  ui.estimate.textContent = runHint(state);
  ui.estimate.hidden = ui.estimate.textContent === '';
}

/** Binds ui.html to `dispatch`; returns the function that renders a state. */
export function createUiView(dispatch: Dispatch): (state: UiState) => void {
  const ui = findElements();
  bindControls(ui, dispatch);
  let shown: UiState | undefined;
  return (state) => {
    if (state.styles !== shown?.styles) renderStyles(ui, state, dispatch);
    if (state.styles !== shown?.styles || state.settings !== shown.settings) renderSettings(ui, state, dispatch);
    renderRun(ui, state, shown);
    shown = state;
  };
}
