import type { WebviewToHost } from '../protocol.js';

/** What `acquireVsCodeApi()` gives a webview; typed with our protocol and the page's state. */
export interface VsCodeApi<State> {
  postMessage(message: WebviewToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

/** The page's one `acquireVsCodeApi()` (VS Code allows a single call). */
export const getVsCodeApi = <State>(): VsCodeApi<State> => acquireVsCodeApi<State>();
