/**
 * The bookkeeping every stage of {@link stylize} shares, whatever holds its image: listening for
 * abort between iterations, refusing a cost that is not finite, and reporting progress with the
 * share of the work done (iterations weighted by their stage's pixels).
 */
import { CancelledError, NonFiniteCostError } from '../errors.js';
import type { RgbaImage } from '../image/rgba-image.js';
import type { ResolvedStylizeOptions, StylizeOptions } from './stylize-options.js';

/** Resolves after the event loop has run its pending tasks: setImmediate in Node, a message elsewhere (no timer clamp). */
function nextTask(): Promise<void> {
  const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
  if (setImmediate !== undefined) return new Promise((resolve) => setImmediate(() => resolve()));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** J and its relative parts at the image an iteration evaluated. */
export interface Costs {
  readonly loss: number;
  readonly contentLoss: number;
  readonly styleLoss: number;
}

/** One run of {@link stylize}: its schedule, where it is in it, and its caller's signal and progress callback. */
export class StylizeRun {
  readonly #settings: ResolvedStylizeOptions;
  readonly #signal: AbortSignal | undefined;
  readonly #onProgress: StylizeOptions['onProgress'];
  readonly #pixels: readonly number[];
  readonly #totalWork: number;
  readonly #started = performance.now();
  #done = 0;
  #work = 0;

  constructor(
    settings: ResolvedStylizeOptions,
    { signal, onProgress }: Pick<StylizeOptions, 'signal' | 'onProgress'>,
    readonly sizes: readonly { readonly width: number; readonly height: number }[],
    readonly perStage: readonly number[],
  ) {
    this.#settings = settings;
    this.#signal = signal;
    this.#onProgress = onProgress;
    this.#pixels = sizes.map((s) => s.width * s.height);
    this.#totalWork = this.#pixels.reduce((sum, p, i) => sum + p * perStage[i]!, 0);
  }

  checkAbort(): void {
    if (this.#signal?.aborted === true) throw new CancelledError();
  }

  /** Before each evaluation: lets the caller's abort arrive, then honours it. */
  async beforeIteration(): Promise<void> {
    // A caller's abort comes from a task (a timer, Ctrl-C, a click); on wasm and cpu every
    // promise here settles as a microtask, so without this turn the signal never fires.
    if (this.#signal !== undefined) await nextTask();
    this.checkAbort();
  }

  /** Refuses a cost that is not finite ({@link NonFiniteCostError}), naming the iteration and what to change. */
  checkLoss(loss: number): void {
    if (!Number.isFinite(loss)) {
      const { contentWeight, styleWeight, tvWeight, learningRate } = this.#settings;
      throw new NonFiniteCostError(
        `stylize: the cost became ${loss} at iteration ${this.#done + 1}; lower the weights ` +
          `(contentWeight ${contentWeight}, styleWeight ${styleWeight}, tvWeight ${tvWeight}) or learningRate (${learningRate}).`,
        loss,
        this.#done + 1,
      );
    }
  }

  /** After iteration `i` of `stage`: counts it and reports, with a preview when due. */
  async afterIteration(stage: number, i: number, costs: Costs, preview: () => Promise<RgbaImage>): Promise<void> {
    this.#done += 1;
    this.#work += this.#pixels[stage]!;
    const last = i === this.perStage[stage]! - 1;
    const every = this.#settings.previewEvery;
    if (this.#onProgress === undefined) return;
    const wantPreview = last || (every > 0 && this.#done % every === 0);
    await this.#onProgress({
      iteration: this.#done,
      iterations: this.#settings.iterations,
      stage: stage + 1,
      stages: this.sizes.length,
      ...costs,
      elapsedMs: performance.now() - this.#started,
      fraction: Math.min(1, this.#work / this.#totalWork),
      ...(wantPreview ? { preview: await preview() } : {}),
    });
  }
}
