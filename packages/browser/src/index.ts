export { decodeImage, drawPixels, encodePng, type DecodeOptions } from './image-codec.js';
export { StyleRunner, describeBackend, type BackendPreference, type StyleRunnerOptions } from './style-runner.js';
export { styleWeightFor } from './style-weight.js';
