export { BACKEND_LABELS, BACKEND_PREFERENCES, type BackendPreference } from './backend-preference.js';
export { createBrowserRunner } from './browser-runner.js';
export { decodeImage, drawPixels, encodePng, type DecodeOptions } from './image-codec.js';
export { PREVIEW_EVERY, runStyleJob, type StyleJobEvents, type StyleJobSettings } from './style-job.js';
export { StyleRunner, describeBackend, runsOn, type StyleRunnerOptions } from './style-runner.js';
export { styleWeightFor } from './style-weight.js';
