export * as tf from '@tensorflow/tfjs';

export { gramMatrix } from './gram-matrix.js';
export { contentCost } from './content-cost.js';
export { layerStyleCost } from './layer-style-cost.js';
export { styleCost, type LayerWeights } from './style-cost.js';
export { totalCost, DEFAULT_TOTAL_COST_WEIGHTS, type TotalCostWeights } from './total-cost.js';
export { totalVariation } from './total-variation.js';
export { styleDistance } from './style-distance.js';

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
  InvalidImageError,
  InvalidOptionError,
  InvalidModelError,
  CancelledError,
  OutOfMemoryError,
  WorkerError,
  messageOf,
} from './errors.js';
export { isOutOfMemory } from './out-of-memory.js';
export { DEFAULT_TILE_SIZE } from './stage-objectives.js';

export { stylize, stylizeSchedule, type ScheduledStage, defaultNetwork } from './stylize.js';
export { estimateStylizeSeconds, measureStylizeSpeed, type StylizeSpeed } from './estimate-stylize.js';
export { type StylizeOptions, type StylizeProgress, type StyleSource } from './stylize-options.js';
export { type RgbaImage, MAX_IMAGE_SIDE, fitWithin, rgbTensor } from './rgba-image.js';
export { type FeatureNetwork } from './feature-network.js';
export { ConvNet, type ConvNetLayer, type ConvNetSpec } from './conv-net.js';
export { createDefaultNetwork, DEFAULT_ARCHITECTURE } from './default-network.js';
export { randomConvLayers, type ArchitectureLayer } from './random-conv-net.js';
export { Adam, type AdamOptions } from './adam.js';
export { Lbfgs, type LbfgsOptions } from './lbfgs.js';
export { createVgg19, loadVgg19, kerasLayerName, VGG19_LAYERS, type StoredWeight } from './vgg19.js';
export { imagenetPreprocess, caffePreprocess } from './preprocess.js';
export { transferColour } from './colour-transfer.js';
