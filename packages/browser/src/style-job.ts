/**
 * The one style job both UIs run: the settings a user chose in, progress, previews and the result
 * out, cancelled by a signal. The UIs differ in where the images come from and how they show
 * progress, not in how a strength becomes β or how often a preview is drawn.
 */
import { defaultNetwork, type FeatureNetwork, type RgbaImage, type StylizeOptions, type StylizeProgress } from '@nst/core';
import type { BackendPreference } from './backend-preference.js';
import type { StyleRunner } from './style-runner.js';
import { styleWeightFor } from './style-weight.js';

/** Every this many iterations a job shows its picture so far. */
export const PREVIEW_EVERY = 5;

/** What to style, and how, as a UI's controls say it. */
export interface StyleJobSettings {
  readonly content: RgbaImage;
  readonly style: RgbaImage;
  /** The feature network; the embedded one when not given. */
  readonly network?: FeatureNetwork;
  /** Longest side of the result in px; the content's own size when not given. */
  readonly maxSize?: number;
  readonly iterations: number;
  /** 0…1, see {@link styleWeightFor}. */
  readonly strength: number;
  readonly preserveColors: boolean;
  readonly backend: BackendPreference;
}

/** What a job tells its UI while it runs, and how the UI stops it. */
export interface StyleJobEvents {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: StylizeProgress) => void;
  /** The picture so far, every {@link PREVIEW_EVERY} iterations. */
  readonly onPreview?: (image: RgbaImage) => void;
}

/** A job's `maxSize`: the one asked for, else the content's own longest side (at least 16). Estimates use it too. */
export const jobMaxSize = (maxSize: number | undefined, content: { readonly width: number; readonly height: number }): number =>
  maxSize ?? Math.max(16, content.width, content.height);

/** The `stylize` options of a job, without its events: β = `styleWeightFor(strength, network β)`, {@link jobMaxSize}. */
export function stylizeOptionsFor(settings: StyleJobSettings): StylizeOptions {
  const { content, network } = settings;
  return {
    content,
    styles: [{ image: settings.style }],
    ...(network !== undefined ? { network } : {}),
    maxSize: jobMaxSize(settings.maxSize, content),
    iterations: settings.iterations,
    styleWeight: styleWeightFor(settings.strength, (network ?? defaultNetwork()).costWeights.beta),
    preserveColors: settings.preserveColors,
    previewEvery: PREVIEW_EVERY,
  };
}

/**
 * Styles `settings.content` on `runner` with {@link stylizeOptionsFor}. Resolves with the result;
 * rejects with `CancelledError` when `events.signal` aborts.
 */
export function runStyleJob(runner: StyleRunner, settings: StyleJobSettings, events: StyleJobEvents = {}): Promise<RgbaImage> {
  return runner.stylize(
    {
      ...stylizeOptionsFor(settings),
      ...(events.signal !== undefined ? { signal: events.signal } : {}),
      onProgress: (progress) => {
        events.onProgress?.(progress);
        if (progress.preview !== undefined) events.onPreview?.(progress.preview);
      },
    },
    settings.backend,
  );
}
