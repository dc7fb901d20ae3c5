import type * as vscode from 'vscode';
import { registerCompareStyles } from './compare-styles.js';
import { StylePreviewProvider } from './style-preview-provider.js';

/** Registers the features; each lives in its own module. */
export function activate(context: Pick<vscode.ExtensionContext, 'subscriptions' | 'extensionUri'>): void {
  context.subscriptions.push(StylePreviewProvider.register(context.extensionUri), registerCompareStyles(context.extensionUri));
}

export function deactivate(): void {}
