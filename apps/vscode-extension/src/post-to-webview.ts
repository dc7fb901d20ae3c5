import type * as vscode from 'vscode';
import { encodeHostMessage, type HostToWebview } from './protocol.js';

/**
 * Posts `message` to `webview` through the protocol's encoder, so its bytes arrive as bytes (a
 * Node `Buffer` would arrive as `{ type: "Buffer", data }`). Resolves false when the webview is
 * gone instead of rejecting: a panel may close while the host is still reading files.
 */
export async function postToWebview(webview: vscode.Webview, message: HostToWebview): Promise<boolean> {
  try {
    return await webview.postMessage(encodeHostMessage(message));
  } catch {
    return false;
  }
}
