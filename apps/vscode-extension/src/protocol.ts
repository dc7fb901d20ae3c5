/**
 * The messages between the extension host (which sees the workspace) and the preview webview
 * (which runs the style transfer on the GPU). One union each way, shared by both sides; the host
 * checks what the webview sends with {@link parseWebviewMessage}, since a webview is a web page.
 */
import type { BackendPreference } from '@nst/browser';

/** The preview's controls; defaults come from the `nst.*` settings, changes are kept per webview. */
export interface PreviewSettings {
  /** Longest side of the result in px. */
  readonly size: number;
  readonly iterations: number;
  /** 0…1: from mostly content to mostly style; 0.5 is the network's own balance. */
  readonly strength: number;
  readonly preserveColors: boolean;
  readonly backend: BackendPreference;
}

/** An image file, read by the host through `workspace.fs` (so virtual file systems work too). */
export interface ImageFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Host → webview. */
export type HostToWebview =
  | {
      readonly type: 'preview';
      readonly style: ImageFile;
      readonly content: ImageFile;
      readonly settings: PreviewSettings;
      /** `model.json` of a VGG-19 directory (`nst convert-vgg19`), when one is configured. */
      readonly modelUrl?: string;
      /** False in an untrusted workspace: the preview is read-only. */
      readonly canSave: boolean;
    }
  | { readonly type: 'content'; readonly content: ImageFile }
  | { readonly type: 'compare'; readonly images: readonly ImageFile[]; readonly settings: PreviewSettings; readonly modelUrl?: string }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'saved'; readonly path: string }
  | { readonly type: 'save-cancelled' }
  | { readonly type: 'save-failed'; readonly message: string };

/** Webview → host. */
export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'pick-content' }
  | { readonly type: 'save'; readonly png: Uint8Array };

/** `value` if it is a well-formed {@link WebviewToHost}, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'pick-content':
      return { type: value.type };
    case 'save':
      return 'png' in value && value.png instanceof Uint8Array && value.png.length > 0 ? { type: 'save', png: value.png } : undefined;
    default:
      return undefined;
  }
}
