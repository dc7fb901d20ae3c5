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
