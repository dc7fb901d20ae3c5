import * as vscode from 'vscode';
import { readPreviewSettings } from './preview-settings.js';
import type { PreviewSettings } from './protocol.js';
import { webviewHtml } from './webview-html.js';

/** A fresh nonce for the page's script: 16 random bytes, base64 (Web Crypto: the web extension host has no `node:crypto`). */
const nonce = (): string => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

/** The preview settings from the `nst.*` configuration. */
export function configuredSettings(): PreviewSettings {
  const config = vscode.workspace.getConfiguration('nst');
  const keys: Record<string, string> = { size: 'preview.size', iterations: 'preview.iterations', backend: 'backend' };
  return readPreviewSettings((key) => (keys[key] === undefined ? undefined : config.get(keys[key])));
}

/** The configured VGG-19 model (`nst.vgg19ModelPath`): a weights file, or a folder made by `nst convert-vgg19`; if any. */
export function modelDirectory(): vscode.Uri | undefined {
  const path = vscode.workspace.getConfiguration('nst').get<string>('vgg19ModelPath', '');
  return typeof path === 'string' && path.trim() !== '' ? vscode.Uri.file(path.trim()) : undefined;
}

/**
 * The webview URL of the configured model: the file itself when the path is a file (a .pth, .mat,
 * .caffemodel or .h5, or a model.json), else the folder's `model.json`. The page tells them apart
 * by that name and reads a weights file by its content.
 */
export async function modelUrl(webview: vscode.Webview): Promise<string | undefined> {
  const model = modelDirectory();
  if (model === undefined) return undefined;
  const type = await vscode.workspace.fs.stat(model).then(
    (found) => found.type,
    () => undefined,
  );
  return webview.asWebviewUri(type === vscode.FileType.File ? model : vscode.Uri.joinPath(model, 'model.json')).toString();
}

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
