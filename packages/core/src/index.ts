/**
 * @nst/core's one public door (with `./errors` and `./native-malloc-env`, which import nothing). Behind it the folders are
 * the layers: `costs/` the pure cost functions (J_content, J_style, TV, Gram); `networks/` the
 * feature networks they are measured on; `image/` pixels in and out; `optimize/` `stylize()`, its
 * objective and optimisers; `tiling/` the same objective over tiles and worker threads;
 * `backend/` where the tfjs backend is chosen ({@link initBackend}) and its failures explained;
 * `weights/` VGG-19 read from the files people have (PyTorch, MatConvNet, Caffe, Keras).
 */
export * as tf from '@tensorflow/tfjs';

export { gramMatrix } from './costs/gram-matrix.js';
export { contentCost } from './costs/content-cost.js';
export { layerStyleCost } from './costs/layer-style-cost.js';
export { styleCost, type LayerWeights } from './costs/style-cost.js';
export { totalCost, DEFAULT_TOTAL_COST_WEIGHTS, type TotalCostWeights } from './costs/total-cost.js';
export { totalVariation } from './costs/total-variation.js';
export { styleDistance } from './costs/style-distance.js';

export {
  initBackend,
  BACKENDS,
  type BackendName,
  type BackendReport,
  type InitBackendOptions,
  type SkippedBackend,
} from './backend/init-backend.js';
export { type AdapterSummary } from './backend/webgpu-adapter.js';
export { BACKEND_TITLES, backendDetails, describeBackend } from './backend/describe-backend.js';
export { NATIVE_MALLOC_ENV, lacksNativeMallocEnv } from './native/native-malloc-env.js';

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
  WeightFileError,
  LegacyCheckpointError,
  type WeightFileFormat,
  NonFiniteCostError,
  CancelledError,
  OutOfMemoryError,
  WorkerError,
  messageOf,
} from './errors.js';
export { isOutOfMemory } from './backend/out-of-memory.js';
export { DEFAULT_TILE_SIZE, NATIVE_TILE_SIZE, defaultTileSize } from './tiling/tile-size.js';
export { inLanes } from './tiling/in-lanes.js';
export { useTileWorkers, type TileWorkerStarter } from './tiling/tile-worker-starter.js';
export { serveTileRequests } from './tiling/serve-tile-requests.js';
export { BLOCKED_BY_POLICY, probeTileWorker, webTileWorkers } from './tiling/web-tile-workers.js';
export { isTileWorkerScope, serveTilesInWorker, type TileWorkerScope } from './tiling/serve-tiles-in-worker.js';
export { PROBED, parsePageToTileWorker, type PageToTileWorker } from './tiling/web-tile-worker-messages.js';
export {
  type TileWorkerHandle,
  type TileRequestPort,
  type WorkerSetup,
  type WorkerMessage,
  type WorkerReply,
  type WorkerRequest,
} from './tiling/tile-worker-protocol.js';
export {
  type TilePixels,
  type ForwardRequest,
  type ForwardResult,
  type BackwardRequest,
  type BackwardResult,
} from './tiling/tile-runner.js';
export { type TileBox } from './tiling/tile-plan.js';

export { stylize, stylizeSchedule, type ScheduledStage, defaultNetwork } from './optimize/stylize.js';
export { createStylizer, type Stylizer, type StylizerOptions, type BatchStylizeOptions } from './optimize/stylizer.js';
export {
  estimateBatchSeconds,
  estimateStylizeSeconds,
  measureStylizeSpeed,
  scheduleWork,
  type EstimateOptions,
  type StylizeSpeed,
} from './optimize/estimate-stylize.js';
export {
  DEFAULT_SHIFTS,
  defaultIterations,
  LARGE_ITERATIONS_SIDE,
  LARGE_RESULT_ITERATIONS,
  SHIFTED_RESULT_SIDE,
  type StylizeOptions,
  type ScheduleOptions,
  type StylizeProgress,
  type StyleSource,
} from './optimize/stylize-options.js';
export { type RgbaImage, MAX_IMAGE_SIDE, fitWithin, rgbTensor } from './image/rgba-image.js';
export { type FeatureNetwork, type LargeStyleLayers } from './networks/feature-network.js';
export { ConvNet, type ConvNetLayer, type ConvNetSpec } from './networks/conv-net.js';
export { createDefaultNetwork, DEFAULT_ARCHITECTURE } from './networks/default-network.js';
export { randomConvLayers, type ArchitectureLayer } from './networks/random-conv-net.js';
export { Adam, type AdamOptions } from './optimize/adam.js';
export { Lbfgs, type LbfgsOptions } from './optimize/lbfgs.js';
export { createVgg19, loadVgg19, kerasLayerName, VGG19_LAYERS, type StoredWeight, type Vgg19Options } from './networks/vgg19.js';
export { imagenetPreprocess, caffePreprocess, rgb255Preprocess, IMAGENET_RGB_MEAN_255 } from './networks/preprocess.js';
export { type Vgg19Input, vgg19Preprocess, parseVgg19Input } from './networks/vgg19-input.js';
export { type ByteSource, bytesSource, blobSource } from './weights/byte-source.js';
export { type Vgg19Weights, vgg19Network, VGG19_CONVS, FORMAT_NAMES } from './weights/vgg19-weights.js';
export { readMatconvnetVgg19 } from './weights/matconvnet-vgg19.js';
export { readPytorchVgg19 } from './weights/pytorch-vgg19.js';
export { readCaffeVgg19 } from './weights/caffe-vgg19.js';
export { readKerasVgg19 } from './weights/keras-vgg19.js';
export { readVgg19File, loadVgg19File, detectWeightFormat, WEIGHT_FILE_EXTENSIONS } from './weights/read-vgg19-file.js';
export { transferColour } from './image/colour-transfer.js';
