import { encodeWebviewMessage, type WebviewToHost } from '../protocol.js';

/** What `acquireVsCodeApi()` gives a webview; typed with our protocol and the page's state. */
export interface VsCodeApi<State> {
  postMessage(message: WebviewToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** The page's one `acquireVsCodeApi()` (VS Code allows a single call); messages go through the protocol's encoder. */
export function getVsCodeApi<State>(): VsCodeApi<State> {
  const api = acquireVsCodeApi<State>();
  return {
    postMessage: (message) => api.postMessage(encodeWebviewMessage(message)),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
