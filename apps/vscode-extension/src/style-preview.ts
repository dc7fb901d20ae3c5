/**
 * One Style Preview panel: the host side of the webview. It reads the style and content images
 * through `workspace.fs` and sends them over; it answers the webview's requests (pick another
 * content image, save the result). State is checked after every await: the panel may be gone.
 */
import * as vscode from 'vscode';
import { messageOf } from '@nst/core/errors';
import { Disposable } from './disposable.js';
import { IMAGE_EXTENSIONS, baseName, folderOf } from './image-files.js';
import { postToWebview } from './post-to-webview.js';
import { ProtocolError, parseWebviewMessage, type HostToWebview, type WebviewToHost } from './protocol.js';
import { readImage } from './read-image.js';
import { saveResult } from './save-result.js';
import { configuredSettings, modelUrl } from './configuration.js';
import { showPage } from './show-page.js';

/** The content image the preview starts with, bundled with the extension. */
export const sampleContent = (extensionUri: vscode.Uri): vscode.Uri => vscode.Uri.joinPath(extensionUri, 'media', 'sample-content.jpg');

export class StylePreview extends Disposable {
  private content: vscode.Uri;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly style: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
  ) {
    super();
    this.content = sampleContent(extensionUri);
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('nst')) this.show();
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.show()));
    this.show();
  }

  private show(): void {
    showPage(this.panel.webview, this.extensionUri, 'preview', `Style Preview: ${baseName(this.style)}`, [folderOf(this.style)]);
  }

  private post(message: HostToWebview): void {
    if (!this.isDisposed) void postToWebview(this.panel.webview, message);
  }

  /** A malformed save is answered (the page waits for it); other malformed messages are dropped. */
  private async receive(raw: unknown): Promise<void> {
    let message: WebviewToHost;
    try {
      message = parseWebviewMessage(raw);
    } catch (error) {
      const isSave = typeof raw === 'object' && raw !== null && 'type' in raw && raw.type === 'save';
      if (error instanceof ProtocolError && isSave) this.post({ type: 'save-failed', message: error.message });
      return;
    }
    switch (message.type) {
      case 'ready':
        return this.sendPreview();
      case 'pick-content':
        return this.pickContent();
      case 'save':
        return this.save(message.png);
    }
  }

  private async sendPreview(): Promise<void> {
    try {
      const [style, content] = await Promise.all([readImage(this.style), readImage(this.content)]);
      if (this.isDisposed) return;
      const url = await modelUrl(this.panel.webview);
      this.post({
        type: 'preview',
        style,
        content,
        settings: configuredSettings(),
        ...(url !== undefined ? { modelUrl: url } : {}),
        canSave: vscode.workspace.isTrusted,
      });
    } catch (error) {
      this.post({ type: 'load-failed', message: messageOf(error) });
    }
  }

  private async pickContent(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use as content',
      filters: { Images: [...IMAGE_EXTENSIONS] },
      ...(vscode.workspace.workspaceFolders?.[0] !== undefined ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
    });
    const uri = picked?.[0];
    if (uri === undefined || this.isDisposed) return;
    try {
      const content = await readImage(uri);
      if (this.isDisposed) return;
      this.content = uri;
      this.post({ type: 'content', content });
    } catch (error) {
      void vscode.window.showErrorMessage(messageOf(error));
    }
  }

  private async save(png: Uint8Array): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Saving is off in an untrusted workspace: trust the workspace to save results.');
      this.post({ type: 'save-failed', message: 'Saving is off in an untrusted workspace.' });
      return;
    }
    try {
      const target = await saveResult(png, this.content, this.style, this.extensionUri);
      if (target === undefined) {
        this.post({ type: 'save-cancelled' });
        return;
      }
      this.post({ type: 'saved', path: target.fsPath });
      void vscode.window.showInformationMessage(`Saved ${baseName(target)}.`);
    } catch (error) {
      this.post({ type: 'save-failed', message: messageOf(error) });
      void vscode.window.showErrorMessage(`The result could not be saved: ${messageOf(error)}`);
    }
  }
}
