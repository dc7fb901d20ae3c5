/**
 * What the user's `nst.*` settings say, read from VS Code's configuration: the preview settings
 * and the VGG-19 model (a weights file or a folder). (The page they configure is set up by `show-page.ts`; its CSP is
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
