import { register } from 'node:module';

register('./vscode-resolve-hook.mjs', import.meta.url);
