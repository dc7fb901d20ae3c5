/**
 * What the user's `nst.*` settings say, read from VS Code's configuration: the preview settings
 * and the VGG-19 model folder. (The page they configure is set up by `show-page.ts`; its CSP is
 * written by `webview-html.ts`.)
 */
import * as vscode from 'vscode';
import { readPreviewSettings } from './preview-settings.js';
import type { PreviewSettings } from './protocol.js';

/** The preview settings from the `nst.*` configuration. */
export function configuredSettings(): PreviewSettings {
  const config = vscode.workspace.getConfiguration('nst');
  const keys: Record<string, string> = { size: 'preview.size', iterations: 'preview.iterations', backend: 'backend' };
  return readPreviewSettings((key) => (keys[key] === undefined ? undefined : config.get(keys[key])));
}

/** The configured VGG-19 model directory (`nst.vgg19ModelPath`), if any. */
export function modelDirectory(): vscode.Uri | undefined {
  const path = vscode.workspace.getConfiguration('nst').get<string>('vgg19ModelPath', '');
  return typeof path === 'string' && path.trim() !== '' ? vscode.Uri.file(path.trim()) : undefined;
}

/** The webview URL of the configured model's `model.json`, if any. */
export function modelUrl(webview: vscode.Webview): string | undefined {
  const dir = modelDirectory();
  return dir === undefined ? undefined : webview.asWebviewUri(vscode.Uri.joinPath(dir, 'model.json')).toString();
}
