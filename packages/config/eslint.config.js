export { config as default } from './eslint.js';
