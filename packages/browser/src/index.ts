export { BACKEND_LABELS, BACKEND_PREFERENCES, type BackendPreference } from './backend-preference.js';
export { createBrowserRunner, type BrowserRunnerOptions } from './browser-runner.js';
export { estimateStyleJobSeconds, type StyleJobSize } from './estimate-style-job.js';
export { type JobSpeed } from './job-speed.js';
export { formatDuration } from './format-duration.js';
export { decodeImage, drawPixels, encodePng, type DecodeOptions } from './image-codec.js';
export { PREVIEW_EVERY, runStyleJob, stylizeOptionsFor, type StyleJobEvents, type StyleJobSettings } from './style-job.js';
export { StyleRunner, runsOn, type StyleRunnerOptions } from './style-runner.js';
export { styleWeightFor } from './style-weight.js';
export { TIME_LEFT_AFTER, timeLeftSeconds } from './time-left.js';
export {
  MAX_TILE_WORKERS,
  defaultWorkerCount,
  pageScript,
  startTileWorkers,
  type TileWorkerOptions,
  type TileWorkerStatus,
} from './tile-workers.js';
export { startPageOrTileWorker } from './tile-worker-scope.js';
export { fetchWasmBinaries, inMemoryWasmPaths, WASM_FILES, type WasmBinaries, type WasmPaths } from './wasm-binaries.js';
export { serveFromMemory, type FetchScope } from './memory-fetch.js';
