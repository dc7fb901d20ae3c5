import type * as vscode from 'vscode';

/** Owns disposables and disposes them with itself, once (after VS Code's media-preview). */
export abstract class Disposable implements vscode.Disposable {
  private items: vscode.Disposable[] = [];
  private disposedFlag = false;

  protected get isDisposed(): boolean {
    return this.disposedFlag;
  }

  protected register<T extends vscode.Disposable>(item: T): T {
    if (this.disposedFlag) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
}
