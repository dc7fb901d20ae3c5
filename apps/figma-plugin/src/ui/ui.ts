/**
 * The plugin's UI iframe, where the style transfer runs (the main thread has no GPU and no DOM).
 * It lists the selection, offers the styles and settings, and styles each node the main thread
 * sends, one at a time, answering with a PNG of the same size. Everything it needs is inside
 * ui.html: the presets, tfjs and its wasm binaries. It fetches nothing.
 */
import { BACKEND_LABELS, BACKEND_PREFERENCES, createBrowserRunner, decodeImage, drawPixels, encodePng, runStyleJob, runsOn } from '@nst/browser';
import { CancelledError, messageOf, type RgbaImage, type StylizeProgress } from '@nst/core';
import type { MainToUi, PluginSettings, SelectedNode, UiToMain } from '../protocol.js';
import { DEFAULT_SETTINGS, PLACEMENTS, QUALITIES, VARIATION_STRENGTHS, readSettings, styleChoices } from '../settings.js';
import { inlineWasmPaths } from './inline-wasm.js';
import { PRESETS } from './presets.js';

type Job = Extract<MainToUi, { type: 'job' }>;

const element = <T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T => {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`ui.html has no #${id} of the expected kind`);
  return found;
};

const ui = {
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
  cancel: element('cancel', HTMLButtonElement),
  run: element('run', HTMLButtonElement),
};

const post = (message: UiToMain): void => parent.postMessage({ pluginMessage: message }, '*');

interface StyleChoice {
  readonly name: string;
  readonly title: string;
  readonly bytes: Uint8Array;
  image?: Promise<RgbaImage>;
}

const runner = createBrowserRunner({ wasmPaths: inlineWasmPaths(), onNotice: (message) => notice(message, false, true) });
const styles = new Map<string, StyleChoice>(PRESETS.map((p) => [p.name, { name: p.name, title: `${p.name} — ${p.credit}`, bytes: p.bytes }]));
let settings: PluginSettings = DEFAULT_SETTINGS;
let selection: readonly SelectedNode[] = [];
let run: { readonly controller: AbortController; readonly settings: PluginSettings } | undefined;

function notice(message: string, error: boolean, alsoInFigma = false): void {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', error);
  if (alsoInFigma) post({ type: 'notify', message, error });
}

function renderStyles(): void {
  ui.styles.replaceChildren(
    ...[...styles.values()].map((choice) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.role = 'radio';
      button.title = choice.title;
      button.dataset['style'] = choice.name;
      button.setAttribute('aria-checked', String(isChecked(choice.name)));
      const img = document.createElement('img');
      img.alt = choice.name;
      img.src = URL.createObjectURL(new Blob([new Uint8Array(choice.bytes)]));
      button.append(img);
      button.addEventListener('click', () => chooseStyle(choice.name));
      return button;
    }),
  );
}

/** Whether a style's button shows as chosen: the one style, or one of the variation styles. */
function isChecked(name: string): boolean {
  return settings.variations ? styleChoices(settings).some((c) => c.styleName === name) : name === settings.styleName;
}

/** A click on a style: choose it, or with variations on, add it to or take it out of the set. */
function chooseStyle(name: string): void {
  if (!settings.variations) {
    update({ styleName: name });
    return;
  }
  const current = styleChoices(settings).map((c) => c.styleName);
  const chosen = current.includes(name) ? current.filter((n) => n !== name) : [...new Set([...current, name])];
  update({ variationStyles: chosen, ...(chosen[0] !== undefined ? { styleName: chosen[0] } : {}) });
}

function renderStrengthChips(): void {
  ui.variationStrengths.hidden = !settings.variations;
  ui.variationStrengths.replaceChildren(
    ...VARIATION_STRENGTHS.map(({ label, strength }) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'chip';
      chip.textContent = label;
      chip.title = `Strength ${strength}`;
      chip.dataset['strength'] = String(strength);
      chip.setAttribute('aria-pressed', String(settings.variationStrengths.includes(strength)));
      chip.addEventListener('click', () => {
        const on = settings.variationStrengths.includes(strength);
        update({ variationStrengths: on ? settings.variationStrengths.filter((x) => x !== strength) : [...settings.variationStrengths, strength] });
      });
      return chip;
    }),
  );
}

function renderSettings(): void {
  ui.strength.value = String(settings.strength);
  const quality = QUALITIES.find((q) => q.size === settings.size && q.iterations === settings.iterations);
  ui.quality.replaceChildren(
    ...QUALITIES.map((q) => new Option(q.label, q.id)),
    ...(quality === undefined ? [new Option(`Custom · ${settings.size || 'full'} px, ${settings.iterations} iterations`, 'custom')] : []),
  );
  ui.quality.value = quality?.id ?? 'custom';
  ui.preserveColors.checked = settings.preserveColors;
  ui.keepText.checked = settings.keepText;
  ui.keepVectors.checked = settings.keepVectors;
  ui.keepVectors.disabled = !settings.keepText;
  ui.variations.checked = settings.variations;
  ui.placement.value = settings.placement;
  ui.placement.disabled = settings.variations; // variations always go in a row beside
  renderStrengthChips();
  ui.backend.value = settings.backend;
  for (const button of ui.styles.querySelectorAll('button')) {
    button.setAttribute('aria-checked', String(isChecked(button.dataset['style'] ?? '')));
  }
  renderSelection();
}

function renderSelection(): void {
  const names = selection.map((n) => n.name);
  ui.selection.textContent =
    selection.length === 0
      ? 'Select frames or layers to style.'
      : `${selection.length} selected: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`;
  const copies = settings.variations ? styleChoices(settings).length : 1;
  ui.run.textContent =
    copies > 1 ? `Style ${selection.length * copies} copies` : selection.length > 1 ? `Style ${selection.length} layers` : 'Style';
  ui.run.disabled = run !== undefined || selection.length === 0;
}

function showBackend(): void {
  ui.backendInfo.textContent = 'Starting the compute backend…';
  runner.backend(settings.backend).then(
    (report) => {
      ui.backendInfo.textContent = runsOn(report);
      ui.backendInfo.title = report.skipped.map((s) => `${s.backend}: ${s.reason}`).join('\n');
    },
    (error: unknown) => {
      ui.backendInfo.textContent = `${messageOf(error)}`;
    },
  );
}

function update(change: Partial<PluginSettings>): void {
  const before = settings.backend;
  settings = readSettings({ ...settings, ...change });
  renderSettings();
  post({ type: 'save-settings', settings });
  if (settings.backend !== before) showBackend();
}

function addStyle(name: string, bytes: Uint8Array, title: string): void {
  styles.set(name, { name, title, bytes });
  renderStyles();
  update({ styleName: name });
}

async function styleImage(name: string): Promise<RgbaImage> {
  const choice = styles.get(name) ?? styles.get(PRESETS[0]?.name ?? '');
  if (choice === undefined) throw new Error(`The style “${name}” is not loaded; choose another.`);
  choice.image ??= decodeImage(choice.bytes, `style image “${choice.name}”`);
  return choice.image;
}

function showProgress(job: Job, progress: StylizeProgress): void {
  ui.progress.value = (job.index - 1 + progress.fraction) / job.total;
  const scaled = job.downscaledFrom === undefined ? '' : `, scaled down from ${job.downscaledFrom.width}×${job.downscaledFrom.height}`;
  const variation = run?.settings.variations === true ? ` · ${job.choice.styleName}, strength ${job.choice.strength}` : '';
  const crisp = job.keptLayers > 0 ? `, ${job.keptLayers} text layer${job.keptLayers === 1 ? '' : 's'} kept crisp` : '';
  ui.status.textContent = `Styling “${job.name}”${variation} (${job.index} of ${job.total}${scaled}${crisp}) · iteration ${progress.iteration} of ${progress.iterations}`;
  ui.status.classList.remove('error');
}

async function styleJob(job: Job): Promise<void> {
  const active = run ?? { controller: new AbortController(), settings };
  run = active;
  setRunning(true);
  const s = active.settings;
  try {
    const content = await decodeImage(job.png, `export of “${job.name}”`);
    const style = await styleImage(job.choice.styleName);
    const styling = { content, style, iterations: s.iterations, strength: job.choice.strength, preserveColors: s.preserveColors, backend: s.backend };
    const result = await runStyleJob(runner, styling, {
      signal: active.controller.signal,
      onProgress: (progress) => showProgress(job, progress),
      onPreview: (preview) => {
        drawPixels(ui.preview, preview);
        ui.preview.hidden = false;
      },
    });
    post({ type: 'result', nodeId: job.nodeId, index: job.index, png: await encodePng(result) });
  } catch (error) {
    if (error instanceof CancelledError) return;
    notice(`“${job.name}”: ${messageOf(error)}`, true);
    post({ type: 'job-failed', nodeId: job.nodeId, index: job.index, message: messageOf(error) });
  }
}

function setRunning(running: boolean): void {
  ui.cancel.hidden = !running;
  ui.progress.hidden = !running;
  if (!running) ui.progress.value = 0;
  renderSelection();
}

function handle(message: MainToUi): void {
  switch (message.type) {
    case 'settings':
      settings = message.settings;
      if (!styles.has(settings.styleName)) settings = { ...settings, styleName: PRESETS[0]?.name ?? settings.styleName };
      // Styles taken from a document or a file last time are not loaded now: leave them out of the set.
      settings = { ...settings, variationStyles: settings.variationStyles.filter((name) => styles.has(name)) };
      renderSettings();
      showBackend();
      return;
    case 'selection':
      selection = message.nodes;
      renderSelection();
      return;
    case 'job':
      void styleJob(message);
      return;
    case 'style-image':
      addStyle(message.name, message.bytes, `${message.name} — from the document`);
      notice(`Style: “${message.name}” from the document.`, false);
      return;
    case 'placed':
      return;
    case 'done': {
      const things = run?.settings.variations === true ? 'copies' : 'layers';
      run = undefined;
      setRunning(false);
      const skipped = message.skipped.map((s) => `“${s.name}”: ${s.reason}`).join('; ');
      const what = `${message.cancelled ? 'Cancelled. ' : ''}Styled ${message.placed} of ${message.placed + message.skipped.length} ${things}.`;
      notice(skipped === '' ? what : `${what} Skipped ${skipped}.`, message.placed === 0 && message.skipped.length > 0);
      return;
    }
    case 'notice':
      notice(message.message, message.error);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<{ pluginMessage?: MainToUi }>) => {
  const message = event.data?.pluginMessage;
  if (typeof message === 'object' && message !== null && 'type' in message) handle(message);
});

ui.run.addEventListener('click', () => {
  if (run !== undefined || selection.length === 0) return;
  run = { controller: new AbortController(), settings };
  setRunning(true);
  ui.preview.hidden = true;
  notice('Exporting…', false);
  post({ type: 'stylize-selection', settings });
});
ui.cancel.addEventListener('click', () => {
  run?.controller.abort();
  post({ type: 'cancel' });
  notice('Cancelling…', false);
});
ui.useSelected.addEventListener('click', () => post({ type: 'use-selected-image-as-style' }));
ui.upload.addEventListener('change', () => {
  const file = ui.upload.files?.[0];
  if (file === undefined) return;
  ui.upload.value = '';
  void file.arrayBuffer().then(async (buffer) => {
    const bytes = new Uint8Array(buffer);
    try {
      await decodeImage(bytes, `file “${file.name}”`);
      addStyle(file.name.replace(/\.[^.]+$/, ''), bytes, `${file.name} — uploaded`);
    } catch (error) {
      notice(messageOf(error), true);
    }
  });
});
ui.strength.addEventListener('change', () => update({ strength: Number(ui.strength.value) }));
ui.quality.addEventListener('change', () => {
  const quality = QUALITIES.find((q) => q.id === ui.quality.value);
  if (quality !== undefined) update({ size: quality.size, iterations: quality.iterations });
});
ui.preserveColors.addEventListener('change', () => update({ preserveColors: ui.preserveColors.checked }));
ui.keepText.addEventListener('change', () => update({ keepText: ui.keepText.checked }));
ui.keepVectors.addEventListener('change', () => update({ keepVectors: ui.keepVectors.checked }));
ui.variations.addEventListener('change', () =>
  update({ variations: ui.variations.checked, ...(settings.variationStyles.length === 0 ? { variationStyles: [settings.styleName] } : {}) }),
);
ui.placement.addEventListener('change', () => update({ placement: readSettings({ placement: ui.placement.value }).placement }));
ui.backend.addEventListener('change', () => update({ backend: readSettings({ backend: ui.backend.value }).backend }));

ui.placement.replaceChildren(...PLACEMENTS.map((p) => new Option(p.label, p.id)));
ui.backend.replaceChildren(...BACKEND_PREFERENCES.map((b) => new Option(BACKEND_LABELS[b], b)));
renderStyles();
renderSettings();
renderSelection();
post({ type: 'ready' });
