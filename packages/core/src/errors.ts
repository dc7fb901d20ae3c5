/**
 * The errors @nst/core throws, and {@link messageOf}. This file imports nothing, so that code which
 * cannot load tfjs (Figma's main thread) can take it alone, as `@nst/core/errors`.
 */

/** Base class of every error @nst/core throws on purpose: `instanceof NstError` tells them apart from bugs. */
export class NstError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An activation is not of shape `[1, nH, nW, nC]` (wrong rank, batch ≠ 1, or an empty dimension). */
export class ActivationShapeError extends NstError {}

/** Two tensors that must match (same layer, same image size) do not. */
export class ShapeMismatchError extends NstError {}

/** A layer named in the weights is missing from the activations. */
export class UnknownLayerError extends NstError {}

/** A weight (λ, α, β, …) is not a finite number ≥ 0, or there is none at all. */
export class InvalidWeightError extends NstError {}

/** The backend that was asked for cannot run here; the message says why. */
export class BackendUnavailableError extends NstError {}

/** Pixels that are not an image: wrong size, empty, or a buffer of the wrong length. */
export class InvalidImageError extends NstError {}

/** An option out of range or of the wrong kind; the message names it and the range. */
export class InvalidOptionError extends NstError {
  /**
   * @param option The option's name as the caller spells it (`maxSize`), when one option is at fault.
   * @param value The value given, as given.
   */
  constructor(
    message: string,
    readonly option?: string,
    readonly value?: unknown,
  ) {
    super(message);
  }
}

/**
 * The cost stopped being a finite number (Infinity, NaN) during a run: weights too large for
 * floating point, or a step too long. The message names the iteration and what to lower.
 */
export class NonFiniteCostError extends NstError {
  constructor(
    message: string,
    readonly loss: number,
    readonly iteration: number,
  ) {
    super(message);
  }
}

/** A feature network's weights are missing, misshapen, or not the network they claim to be. */
export class InvalidModelError extends NstError {}

/** The formats {@link WeightFileError} names: what a VGG-19 weights file was expected to be. */
export type WeightFileFormat = 'pytorch' | 'matconvnet' | 'caffe' | 'keras' | 'unknown';

/**
 * A weights file that cannot be read as the format it was taken for (or as any format we read):
 * truncated, corrupt, or not VGG-19. `format` is the format expected, `found` what was there instead.
 */
export class WeightFileError extends InvalidModelError {
  constructor(
    message: string,
    readonly format: WeightFileFormat,
    readonly found: string,
  ) {
    super(message);
  }
}

/**
 * A PyTorch checkpoint in the legacy format (before PyTorch 1.6: pickles and storages one after
 * another, or a tar archive), which is not read: the message says how to re-save it as a zip.
 */
export class LegacyCheckpointError extends WeightFileError {}

/** The run was cancelled through its AbortSignal. Nothing was changed. */
export class CancelledError extends NstError {
  constructor(message = 'Stylize was cancelled.') {
    super(message);
  }
}

/**
 * The backend ran out of memory (the wasm heap, a WebGPU buffer limit, a lost device under load).
 * The message says at what size, and what to do: a smaller size or tile, fewer workers, another backend.
 */
export class OutOfMemoryError extends NstError {}

/** An error a tile worker threw, under its own name and message, or a worker that stopped. */
export class WorkerError extends NstError {}

/** What to tell the user about anything thrown: an `Error`'s message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
