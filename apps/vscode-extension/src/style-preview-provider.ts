import * as vscode from 'vscode';
import { IMAGE_EXTENSIONS, isImageUri } from './image-files.js';
import { StylePreview } from './style-preview.js';

/** The custom editor's view type and the command that opens it, as `contributes` declares them. */
export const STYLE_PREVIEW_VIEW_TYPE = 'nst.stylePreview';
export const OPEN_STYLE_PREVIEW_COMMAND = 'nst.openStylePreview';

/** Opens images as Style Previews (a read-only custom editor, offered with "Open With…"). */
export class StylePreviewProvider implements vscode.CustomReadonlyEditorProvider {
  private readonly previews = new Set<StylePreview>();

  static register(extensionUri: vscode.Uri): vscode.Disposable {
    const provider = new StylePreviewProvider(extensionUri);
    return vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(STYLE_PREVIEW_VIEW_TYPE, provider, {
        supportsMultipleEditorsPerDocument: true,
      }),
      vscode.commands.registerCommand(OPEN_STYLE_PREVIEW_COMMAND, (uri?: unknown) => provider.open(uri)),
      { dispose: () => provider.previews.forEach((p) => p.dispose()) },
    );
  }

  private constructor(private readonly extensionUri: vscode.Uri) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const preview = new StylePreview(this.extensionUri, document.uri, panel);
    this.previews.add(preview);
    panel.onDidDispose(() => this.previews.delete(preview));
  }

  /** The command: the image clicked in the explorer or open in the editor, else one the user picks. */
  async open(target: unknown): Promise<void> {
    let uri = target instanceof vscode.Uri && isImageUri(target) ? target : undefined;
    if (uri === undefined) {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: 'Open Style Preview',
        filters: { Images: [...IMAGE_EXTENSIONS] },
      });
      uri = picked?.[0];
    }
    if (uri !== undefined) await vscode.commands.executeCommand('vscode.openWith', uri, STYLE_PREVIEW_VIEW_TYPE);
  }
}
