/**
 * What the main thread's handlers share while the plugin is open: the `figma` they work on,
 * whether the plugin was closed, the run going (if any) and the temporary copy an export is
 * using (if any). Figma ends the plugin once its close handlers return, so `close()` does all that
 * must happen then synchronously; after it, nothing is posted or notified.
 */
import type { MainToUi, SelectedNode, UiToMain } from '../protocol.js';
import type { FigmaApi, FigmaNode } from './figma-api.js';

/** What the UI answers a job with (or a Cancel, which also ends the wait). */
export type JobReply = Extract<UiToMain, { type: 'result' } | { type: 'job-failed' } | { type: 'cancel' }>;

/** A run in progress: whether it was cancelled, and the job it waits for. */
export interface Run {
  cancelled: boolean;
  selectionNoted: boolean;
  job?: number;
  reply?: (reply: JobReply) => void;
}

/** figma.notify shows at most 100 characters. */
export const short = (message: string): string => (message.length <= 100 ? message : `${message.slice(0, 99)}…`);

const describe = (node: FigmaNode): SelectedNode => ({ id: node.id, name: node.name, width: node.width, height: node.height });

/** The state the main thread's handlers share; see the module comment. */
export class PluginSession {
  /** Set by the close handler: from then on nothing is posted, notified or written. */
  closed = false;
  /** The run in progress, if any. */
  run: Run | undefined;
  /** Removes the temporary copy an export is using, while there is one. */
  discardCopy: (() => void) | undefined;

  constructor(readonly figma: FigmaApi) {}

  /** Posts `message` to the UI, unless the plugin was closed. */
  post(message: MainToUi): void {
    if (!this.closed) this.figma.ui.postMessage(message);
  }

  /** Says `message` in the UI and in Figma's toast, unless the plugin was closed. */
  tell(message: string, error = false): void {
    if (this.closed) return;
    this.figma.ui.postMessage({ type: 'notice', message, error } satisfies MainToUi);
    this.figma.notify(short(message), { error });
  }

  /** Posts the current selection to the UI. */
  postSelection(): void {
    this.post({ type: 'selection', nodes: this.figma.currentPage.selection.map(describe) });
  }

  /** The close handler: removes the temporary copy and ends the run, synchronously. */
  close(): void {
    try {
      this.discardCopy?.(); // synchronously: Figma runs nothing asynchronous after its close handlers
    } catch {
      // Nothing more can be done once Figma refuses.
    }
    this.discardCopy = undefined;
    this.closed = true;
    if (this.run !== undefined) {
      this.run.cancelled = true;
      this.run.reply?.({ type: 'cancel' });
    }
  }
}
