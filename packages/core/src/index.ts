export * as tf from '@tensorflow/tfjs';

export { gramMatrix } from './gram-matrix.js';
export { contentCost } from './content-cost.js';
export { layerStyleCost } from './layer-style-cost.js';
export { styleCost, type LayerWeights } from './style-cost.js';
export { totalCost, DEFAULT_TOTAL_COST_WEIGHTS, type TotalCostWeights } from './total-cost.js';
export { totalVariation } from './total-variation.js';

export {
  initBackend,
  BACKENDS,
  type BackendName,
  type BackendReport,
  type InitBackendOptions,
  type SkippedBackend,
} from './init-backend.js';
export { type AdapterSummary } from './webgpu-adapter.js';

export {
  NstError,
  ActivationShapeError,
  ShapeMismatchError,
  UnknownLayerError,
  InvalidWeightError,
  BackendUnavailableError,
} from './errors.js';
