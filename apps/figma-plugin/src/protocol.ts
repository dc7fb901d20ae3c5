/**
 * The messages between the plugin's main thread (Figma's sandbox, which sees the document) and its
 * UI iframe (which runs the style transfer). One union each way, shared by both sides, so that a
 * message one side sends is a message the other side handles. Images travel one node at a time,
 * as PNG bytes, so that a large selection never sits in memory twice. The main thread checks
 * every message from the UI against `UiToMain` before acting on it (`parseUiMessage`).
 */
import type { PluginSettings, StyleChoice } from './settings.js';

export type { Placement, PluginSettings, StyleChoice } from './settings.js';

/** A node of the selection, as the UI lists it. */
export interface SelectedNode {
  readonly id: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

/** A node (or one of its variations) that was not styled, and why. */
export interface SkippedNode {
  readonly name: string;
  readonly reason: string;
}

/** Main thread → UI. */
export type MainToUi =
  | { readonly type: 'settings'; readonly settings: PluginSettings }
  | { readonly type: 'selection'; readonly nodes: readonly SelectedNode[] }
  | {
      readonly type: 'job';
      readonly nodeId: string;
      readonly name: string;
      readonly png: Uint8Array;
      /** The style and strength of this job (several jobs share one export when there are variations). */
      readonly choice: StyleChoice;
      /** Text (and icon) layers left out of the export, kept live on top of the result. */
      readonly keptLayers: number;
      /** This job's place among all the run's jobs (layers × choices), from 1. */
      readonly index: number;
      readonly total: number;
      /** Set when the node was larger than Figma's image limit (`FIGMA_MAX_IMAGE_SIDE`) and was exported smaller. */
      readonly downscaledFrom?: { readonly width: number; readonly height: number };
    }
  | { readonly type: 'style-image'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly type: 'placed'; readonly nodeId: string; readonly index: number; readonly resultId: string }
  | {
      readonly type: 'done';
      readonly placed: number;
      readonly skipped: readonly SkippedNode[];
      readonly cancelled: boolean;
    }
  | { readonly type: 'notice'; readonly message: string; readonly error: boolean };

/** UI → main thread. */
export type UiToMain =
  | { readonly type: 'ready' }
  | { readonly type: 'save-settings'; readonly settings: PluginSettings }
  | { readonly type: 'stylize-selection'; readonly settings: PluginSettings }
  | { readonly type: 'use-selected-image-as-style' }
  | { readonly type: 'result'; readonly nodeId: string; readonly index: number; readonly png: Uint8Array }
  | { readonly type: 'job-failed'; readonly nodeId: string; readonly index: number; readonly message: string }
  | { readonly type: 'cancel' }
  | { readonly type: 'notify'; readonly message: string; readonly error: boolean };
