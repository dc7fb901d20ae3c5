/**
 * "Compare Styles": the images selected in the explorer, side by side with the distance between
 * each pair's styles (J_style on the same network), computed in a webview.
 */
import * as vscode from 'vscode';
import { messageOf } from '@nst/core/errors';
import { Disposable } from './disposable.js';
import { IMAGE_EXTENSIONS, baseName, folderOf, isImageUri } from './image-files.js';
import { postToWebview } from './post-to-webview.js';
import { parseWebviewMessage } from './protocol.js';
import { readImage } from './read-image.js';
import { configuredSettings, modelUrl } from './configuration.js';
import { showPage } from './show-page.js';

export const COMPARE_STYLES_COMMAND = 'nst.compareStyles';
export const COMPARE_STYLES_VIEW_TYPE = 'nst.compareStyles';

/** The images among a command's arguments: `(clicked, selected[])` from the explorer. */
export function selectedImages(clicked: unknown, selected: unknown): vscode.Uri[] {
  const all = Array.isArray(selected) && selected.length > 0 ? selected : [clicked];
  const uris = all.filter((u): u is vscode.Uri => u instanceof vscode.Uri && isImageUri(u));
  return uris.filter((u, i) => uris.findIndex((v) => v.toString() === u.toString()) === i);
}

class StyleComparison extends Disposable {
  constructor(
    private readonly images: readonly vscode.Uri[],
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    super();
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        try {
          if (parseWebviewMessage(message).type === 'ready') void this.send();
        } catch {
          // not a message of ours: the page only ever says 'ready'
        }
      }),
    );
    const folders = images.map(folderOf).filter((f, i, all) => all.findIndex((g) => g.toString() === f.toString()) === i);
    showPage(panel.webview, extensionUri, 'compare', 'Style distances', folders);
  }

  private async send(): Promise<void> {
    try {
      const images = await Promise.all(this.images.map(readImage));
      if (this.isDisposed) return;
      const url = await modelUrl(this.panel.webview);
      await postToWebview(this.panel.webview, {
        type: 'compare',
        images,
        settings: configuredSettings(),
        ...(url !== undefined ? { modelUrl: url } : {}),
      });
    } catch (error) {
      await postToWebview(this.panel.webview, { type: 'load-failed', message: messageOf(error) });
    }
  }
}

export function registerCompareStyles(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(COMPARE_STYLES_COMMAND, async (clicked?: unknown, selected?: unknown) => {
    let images = selectedImages(clicked, selected);
    const skipped = (Array.isArray(selected) ? selected : []).filter((u): u is vscode.Uri => u instanceof vscode.Uri && !isImageUri(u));
    if (skipped.length > 0 && images.length >= 2) {
      void vscode.window.showInformationMessage(
        `Not compared: ${skipped.map(baseName).join(', ')}. Styles are compared for PNG, JPEG, WebP, BMP and GIF images.`,
      );
    }
    if (images.length < 2) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: 'Compare styles',
        filters: { Images: [...IMAGE_EXTENSIONS] },
      });
      images = selectedImages(undefined, picked ?? []);
    }
    if (images.length < 2) {
      void vscode.window.showErrorMessage('Select two or more images to compare their styles.');
      return;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_STYLES_VIEW_TYPE, 'Style distances', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    new StyleComparison(images, panel, extensionUri);
  });
}
