/**
 * The webview's page: one bundle for the Style Preview and Compare Styles pages (the host sets
 * `data-mode`). tfjs's wasm files come from the extension's `dist/webview/` folder; the tile
 * workers are sent them, fetched once, and run this same script (the policy allows `blob:` workers).
 */
import { createBrowserRunner, fetchWasmBinaries } from '@nst/browser';
import { messageOf } from '@nst/core';
import { parseHostMessage } from '../protocol.js';
import { startCompare } from './compare-view.js';
import { startPreview, type RememberedControls } from './start-preview.js';
import { getVsCodeApi } from './vscode-api.js';

const api = getVsCodeApi<RememberedControls>();
const root = document.createElement('main');
document.body.append(root);
const wasmPath = document.body.dataset['wasmPath'];
const runner = createBrowserRunner({
  ...(wasmPath !== undefined ? { wasmPaths: wasmPath, workers: { wasm: () => fetchWasmBinaries(wasmPath) } } : {}),
  onNotice: (message) => {
    const status = document.getElementById('status');
    if (status !== null) status.textContent = message;
  },
});

const handle = document.body.dataset['mode'] === 'compare' ? startCompare(root, runner) : startPreview(api, root, runner);
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  try {
    handle(parseHostMessage(event.data));
  } catch (error) {
    handle({ type: 'load-failed', message: messageOf(error) });
  }
});
api.postMessage({ type: 'ready' });
