/**
 * The part of Figma's plugin API that the main thread uses, written as narrow views of
 * `@figma/plugin-typings`. The real `figma` global satisfies it (checked where `code.ts` passes
 * it in), and so does the test fake, which is how the main thread is tested without Figma.
 */
import type {
  BlendMode,
  ClientStorageAPI,
  Effect,
  ExportSettingsImage,
  FrameNode,
  Image,
  NotificationOptions,
  OnMessageProperties,
  Paint,
  RectangleNode,
  SceneNode,
} from '@figma/plugin-typings/plugin-api-standalone.js';

/** The node fields the plugin reads or writes; every `SceneNode` has them. */
export interface FigmaNode {
  readonly id: string;
  name: string;
  readonly type: SceneNode['type'];
  x: number;
  y: number;
  readonly width: number;
  readonly height: number;
  readonly removed: boolean;
  readonly parent: FigmaParent | null;
  /** Absent on node types without fills (groups, slices). */
  fills?: readonly Paint[] | symbol;
  /** Absent on node types without strokes or effects (groups have effects, slices neither). */
  strokes?: readonly Paint[];
  /** A number, or `figma.mixed` when the sides differ. */
  strokeWeight?: number | symbol;
  strokeAlign?: 'CENTER' | 'INSIDE' | 'OUTSIDE';
  effects?: readonly Effect[];
  visible: boolean;
  /** Absent on slices, like `blendMode`. */
  opacity?: number;
  /** Degrees, counter-clockwise, about the node's top-left corner (x and y stay where they are); absent on stickies and connectors. */
  rotation?: number;
  blendMode?: BlendMode;
  /** Frames, rectangles, components, instances: a number, or `figma.mixed` when the corners differ. */
  cornerRadius?: number | symbol;
  /** Frames, components, instances. */
  clipsContent?: boolean;
  /** Children of frames, groups, components and instances. */
  readonly children?: readonly FigmaNode[];
  /** Absolute position in a parent with auto layout; only frames' children have it. */
  layoutPositioning?: RectangleNode['layoutPositioning'];
  exportAsync(settings: ExportSettingsImage): Promise<Uint8Array>;
  /** A deep copy, parented under `figma.currentPage` (at the end, so on top). */
  clone(): FigmaNode;
  remove(): void;
}

/** A page, frame or group: anything with children. Pages have no `x`, `y`; the document no parent. */
export interface FigmaParent {
  readonly id?: string;
  readonly type?: string;
  readonly name?: string;
  readonly x?: number;
  readonly y?: number;
  readonly parent?: FigmaParent | null;
  readonly children: readonly FigmaNode[];
  insertChild(index: number, child: FigmaNode): void;
  /** Auto layout of frames; children placed in one must be made absolute to stay put. */
  readonly layoutMode?: FrameNode['layoutMode'];
}

/** A rectangle made by the plugin to carry a result. */
export interface FigmaRectangle extends FigmaNode {
  resize(width: number, height: number): void;
}

/** The `figma` global, as far as the plugin uses it. */
export interface FigmaApi {
  readonly currentPage: { readonly selection: readonly FigmaNode[] };
  readonly ui: {
    postMessage(message: unknown): void;
    onmessage: ((message: unknown, props: OnMessageProperties) => void) | undefined;
  };
  readonly clientStorage: Pick<ClientStorageAPI, 'getAsync' | 'setAsync'>;
  on(type: 'selectionchange' | 'close', callback: () => void): void;
  notify(message: string, options?: Pick<NotificationOptions, 'error' | 'timeout'>): void;
  createImage(bytes: Uint8Array): Pick<Image, 'hash'>;
  getImageByHash(hash: string): Pick<Image, 'getBytesAsync'> | null;
  createRectangle(): FigmaRectangle;
  commitUndo(): void;
}
