export { config as default } from '@nst/config/eslint';
