import type * as tf from '@tensorflow/tfjs';

/**
 * One step at a time, one evaluation of J and its gradient per step, so that the loop around it
 * reports progress and checks for cancel after every evaluation.
 */
export interface Optimizer {
  /** Given x, J(x) and ∇J(x), returns the next x to evaluate. Disposes none of its inputs. */
  step<T extends tf.Tensor>(x: T, loss: number, gradient: tf.Tensor): Promise<T>;
  /** Frees the optimiser's state. */
  dispose(): void;
}
