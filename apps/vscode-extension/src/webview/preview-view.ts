/**
 * The Style Preview page: the style image, its fingerprint (a Gram-matrix heatmap per style layer
 * and the dominant colours), and the style applied to a content image with live progress, Cancel
 * and Save. The controls are kept with `setState`, so they survive the panel being hidden.
 */
import { decodeImage, drawPixels, encodePng, runStyleJob, runsOn, type StyleRunner } from '@nst/browser';
import { CancelledError, messageOf, type FeatureNetwork, type RgbaImage } from '@nst/core';
import { MAX_PREVIEW_SIZE, readPreviewSettings } from '../preview-settings.js';
import type { HostToWebview, ImageFile, PreviewSettings } from '../protocol.js';
import { BACKEND_NAMES } from './backend-names.js';
import { h, imageUrl } from './dom.js';
import { styleFingerprint } from './fingerprint.js';
import { gramHeatmap } from './heatmap.js';
import { networkFor } from './network.js';
import { dominantColors } from './palette.js';
import type { VsCodeApi } from './vscode-api.js';

/** What the page keeps across hide/show: the user's changes to the controls. */
export interface PreviewState {
  readonly controls?: Partial<PreviewSettings>;
}

type Preview = Extract<HostToWebview, { type: 'preview' }>;

export function startPreview(api: VsCodeApi<PreviewState>, root: HTMLElement, runner: StyleRunner): (message: HostToWebview) => void {
  const ui = {
    styleName: h('h1'),
    backend: h('p', { class: 'muted', id: 'backend' }, 'Starting…'),
    error: h('p', { class: 'error', id: 'error', role: 'alert', hidden: true }),
    styleImage: h('img', { id: 'style-image', alt: 'The style image' }),
    palette: h('div', { class: 'palette', id: 'palette', 'aria-label': 'Dominant colours' }),
    heatmaps: h('div', { class: 'heatmaps', id: 'heatmaps' }),
    contentName: h('span', { id: 'content-name' }),
    pick: h('button', { id: 'pick-content', class: 'secondary', type: 'button' }, 'Choose image…'),
    strength: h('input', { id: 'strength', type: 'range', min: 0, max: 1, step: 0.05 }),
    size: h('input', { id: 'size', type: 'number', min: 32, max: 2048, step: 32 }),
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
  const label = (text: string, control: HTMLElement) => h('label', {}, text, control);
  const styleSection = h('section', { class: 'style' }, h('figure', {}, ui.styleImage), h('div', { class: 'fingerprint' }, h('h2', {}, 'Style fingerprint'), ui.palette, ui.heatmaps));
  root.append(
    h('header', {}, ui.styleName, ui.backend),
    ui.error,
    styleSection,
    h(
      'section',
      { class: 'apply' },
      h('h2', {}, 'Applied to ', ui.contentName, ' ', ui.pick),
      h('div', { class: 'controls' }, label('Strength', ui.strength), label('Size (px)', ui.size), label('Iterations', ui.iterations), label('Keep colours', ui.preserveColors), ui.apply, ui.cancel),
      ui.progress,
      ui.status,
      h('div', { class: 'pair' }, ui.content, ui.result),
      ui.save,
    ),
  );

  let settings: PreviewSettings | undefined;
  let canSave = false;
  let network: FeatureNetwork | undefined;
  let style: RgbaImage | undefined;
  let content: { name: string; image: RgbaImage } | undefined;
  let result: RgbaImage | undefined;
  let running: AbortController | undefined;

  const status = (message: string) => (ui.status.textContent = message);
  /** Shows `message`; `fatal`: nothing else on the page can work (no style), so only the message stays. */
  const fail = (message: string, fatal = false) => {
    ui.error.textContent = message;
    ui.error.hidden = false;
    if (!fatal) return;
    status('');
    ui.backend.textContent = '';
    for (const section of root.querySelectorAll('section')) section.hidden = true;
  };

  function controls(): PreviewSettings {
    const base = settings ?? readPreviewSettings(() => undefined);
    return readPreviewSettings((key) => {
      switch (key) {
        case 'strength':
          return Number(ui.strength.value);
        case 'size':
          return Number(ui.size.value);
        case 'iterations':
          return Number(ui.iterations.value);
        case 'preserveColors':
          return ui.preserveColors.checked;
        default:
          return base.backend;
      }
    });
  }

  function showControls(s: PreviewSettings): void {
    ui.strength.value = String(s.strength);
    ui.size.value = String(s.size);
    ui.iterations.value = String(s.iterations);
    ui.preserveColors.checked = s.preserveColors;
  }

  async function showFingerprint(image: RgbaImage, net: FeatureNetwork): Promise<void> {
    ui.palette.replaceChildren(
      ...dominantColors(image).map(({ rgb, share }) => {
        const swatch = h('span', { class: 'swatch', title: `rgb(${rgb.join(', ')}) · ${Math.round(share * 100)}%` });
        swatch.style.background = `rgb(${rgb.join(',')})`; // CSSOM, which the CSP allows (inline style attributes it does not)
        swatch.style.flexGrow = String(share);
        return swatch;
      }),
    );
    const prints = await styleFingerprint(image, net);
    ui.heatmaps.replaceChildren(
      ...prints.map(({ layer, channels, gram }) => {
        const canvas = h('canvas', { class: 'heatmap', 'data-layer': layer, title: `${layer}: ${channels}×${channels} feature correlations` });
        drawPixels(canvas, gramHeatmap(gram, channels));
        return h('figure', {}, canvas, h('figcaption', {}, `${layer} · ${channels}`));
      }),
    );
  }

  async function apply(): Promise<void> {
    if (style === undefined || content === undefined || network === undefined || settings === undefined) return;
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const s = controls();
    result = undefined;
    ui.save.disabled = true;
    ui.cancel.hidden = false;
    ui.progress.hidden = false;
    ui.progress.value = 0;
    drawPixels(ui.content, content.image);
    status(`Styling ${content.name} at ${s.size} px…`); // the first iteration may take a while (GPU programs compile)
    try {
      const started = performance.now();
      const job = { content: content.image, style, network, maxSize: s.size, iterations: s.iterations, strength: s.strength, preserveColors: s.preserveColors, backend: s.backend };
      const out = await runStyleJob(runner, job, {
        signal: controller.signal,
        onProgress: (p) => {
          ui.progress.value = p.fraction;
          status(`Iteration ${p.iteration} of ${p.iterations}`);
        },
        onPreview: (preview) => drawPixels(ui.result, preview),
      });
      result = out;
      drawPixels(ui.result, out);
      status(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      ui.save.disabled = !canSave;
      ui.save.title = canSave ? '' : 'Saving is off in an untrusted workspace.';
    } catch (error) {
      if (error instanceof CancelledError) status('Cancelled.');
      else fail(messageOf(error));
    } finally {
      if (running === controller) {
        running = undefined;
        ui.cancel.hidden = true;
        ui.progress.hidden = true;
      }
    }
  }

  async function setContent(file: ImageFile): Promise<void> {
    content = { name: file.name, image: await decodeImage(file.bytes, `content image “${file.name}”`, { fitWithin: MAX_PREVIEW_SIZE }) };
    ui.contentName.textContent = file.name;
  }

  async function open(message: Preview): Promise<void> {
    ui.error.hidden = true;
    for (const section of root.querySelectorAll('section')) section.hidden = false;
    settings = message.settings;
    canSave = message.canSave;
    showControls(readPreviewSettings((key) => api.getState()?.controls?.[key as keyof PreviewSettings] ?? settings?.[key as keyof PreviewSettings]));
    ui.styleName.textContent = message.style.name;
    ui.styleImage.src = imageUrl(message.style.bytes);
    try {
      status('Reading the images…');
      style = await decodeImage(message.style.bytes, `style image “${message.style.name}”`, { fitWithin: MAX_PREVIEW_SIZE });
      await setContent(message.content);
      ui.backend.textContent = 'Starting…';
      status(`Starting ${BACKEND_NAMES[settings.backend]}…`);
      const report = await runner.backend(settings.backend);
      ui.backend.textContent = runsOn(report);
      status('Drawing the style fingerprint…');
      network = await networkFor(message.modelUrl);
      await showFingerprint(style, network);
    } catch (error) {
      fail(messageOf(error), true);
      return;
    }
    await apply();
  }

  showControls(readPreviewSettings((key) => api.getState()?.controls?.[key as keyof PreviewSettings]));
  const remember = () => api.setState({ controls: controls() });
  for (const control of [ui.strength, ui.size, ui.iterations, ui.preserveColors]) control.addEventListener('change', remember);
  ui.apply.addEventListener('click', () => void apply());
  ui.cancel.addEventListener('click', () => running?.abort());
  ui.pick.addEventListener('click', () => api.postMessage({ type: 'pick-content' }));
  ui.save.addEventListener('click', () => {
    if (result === undefined) return;
    ui.save.disabled = true;
    status('Saving…');
    void encodePng(result).then((png) => api.postMessage({ type: 'save', png }));
  });

  return (message) => {
    switch (message.type) {
      case 'preview':
        void open(message);
        return;
      case 'content':
        void setContent(message.content).then(apply, (error: unknown) => fail(messageOf(error)));
        return;
      case 'load-failed':
        fail(message.message, true);
        return;
      case 'saved':
        status(`Saved to ${message.path}`);
        ui.save.disabled = false;
        return;
      case 'save-failed':
        fail(message.message);
        ui.save.disabled = false;
        return;
      case 'save-cancelled':
        status('Not saved.');
        ui.save.disabled = false;
        return;
      case 'compare':
        return;
    }
  };
}
