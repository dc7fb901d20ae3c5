/**
 * The messages between the plugin's main thread (Figma's sandbox, which sees the document) and its
 * UI iframe (which runs the style transfer). One union each way, shared by both sides, so that a
 * message one side sends is a message the other side handles. Images travel one node at a time,
 * as PNG bytes, so that a large selection never sits in memory twice. The main thread checks
 * every message from the UI against `UiToMain` before acting on it (`parseUiMessage`).
 */
import type { BackendPreference } from '@nst/browser/backend-preference';
import type { PLACEMENTS } from './settings.js';

/** Where a styled result goes: a new layer over the original, a new layer beside it, or the original's fills. */
export type Placement = (typeof PLACEMENTS)[number]['id'];

/** What the user chose in the UI; remembered in `figma.clientStorage`. */
export interface PluginSettings {
  /** The style's display name: a preset's, or the name of an image from the document or a file. */
  readonly styleName: string;
  /** 0…1: from mostly content to mostly style; 0.5 is the network's own balance. */
  readonly strength: number;
  /** Longest side of the export in px, at most Figma's limit (`FIGMA_MAX_IMAGE_SIDE`); 0 exports at the node's own size. */
  readonly size: number;
  readonly iterations: number;
  readonly preserveColors: boolean;
  readonly placement: Placement;
  /** Which tfjs backend the UI runs on: `auto` is WebGPU → WebGL → wasm, the first that runs. */
  readonly backend: BackendPreference;
  /** Keep text crisp: a frame's text layers are left out of the styling and stay live on top of it. */
  readonly keepText: boolean;
  /** Keep vector icons (vectors, boolean shapes, stars, polygons, lines) live too. */
  readonly keepVectors: boolean;
  /** Variations: one styled copy per style × strength below, in a row beside each layer. */
  readonly variations: boolean;
  /** The styles of the variations (empty: `styleName` alone). */
  readonly variationStyles: readonly string[];
  /** The strengths of the variations (empty: `strength` alone). */
  readonly variationStrengths: readonly number[];
}

/** One styled copy to make: a style and a strength. */
export interface StyleChoice {
  readonly styleName: string;
  readonly strength: number;
}

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
