/**
 * Sets up a webview for the Style Preview or Compare Styles: its options (scripts, the resource
 * roots) and its page, whose HTML and Content Security Policy `webview-html.ts` writes.
 */
import * as vscode from 'vscode';
import { configuredSettings, modelDirectory } from './configuration.js';
import { webviewHtml } from './webview-html.js';

/** A fresh nonce for the page's script: 16 random bytes, base64 (Web Crypto: the web extension host has no `node:crypto`). */
const nonce = (): string => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

/**
 * Sets up `webview` for `mode`: scripts on, resources limited to the extension's webview assets
 * and media plus `folders`, and the page. Setting the page (re)loads it; it then posts `ready`.
 */
export function showPage(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  mode: 'preview' | 'compare',
  title: string,
  folders: readonly vscode.Uri[],
): void {
  const assets = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const model = modelDirectory();
  webview.options = {
    enableScripts: true,
    localResourceRoots: [assets, vscode.Uri.joinPath(extensionUri, 'media'), ...folders, ...(model !== undefined ? [model] : [])],
  };
  const backend = configuredSettings().backend;
  webview.html = webviewHtml({
    mode,
    title,
    cspSource: webview.cspSource,
    nonce: nonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'index.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, 'index.css')).toString(),
    wasmPath: `${webview.asWebviewUri(assets).toString()}/`,
    allowWasm: backend === 'auto' || backend === 'wasm',
  });
}
