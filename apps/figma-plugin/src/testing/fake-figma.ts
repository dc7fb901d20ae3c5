/**
 * A fake of the part of Figma's plugin API that the main thread uses (`FigmaApi`), faithful where
 * the plugin depends on it, each rule after Figma's documentation or typings (cited where it is
 * made; `fake-figma.test.ts` tests each):
 * - `exportAsync` renders real PNG bytes at the constraint's size: a frame with its visible
 *   children composited on it, text as bars of its text colour, the node's own opacity baked in, a
 *   rotated node as its rotated picture in its bounding box. It covers the node's *rendered*
 *   bounds (drop shadows, layer blurs, strokes outside the box, children overflowing a frame that
 *   does not clip, empty space cropped) unless `useAbsoluteBounds: true`, and a node that renders
 *   nothing (hidden, opacity 0, no visible paint in it) is refused: "Failed to export node. This
 *   node may not have any visible layers.";
 * - `createImage` refuses what Figma refuses; `clone()` makes a deep copy parented under the page
 *   (`figma.currentPage`), wherever the original is, inside an instance too;
 * - nothing can be inserted into an instance or anything inside one ("Cannot move node. New parent
 *   is an instance or is inside of an instance"), and a child of an instance cannot be removed;
 * - `clientStorage` holds at most 5 MB (`CLIENT_STORAGE_LIMIT`);
 * - every document change is recorded and `commitUndo` groups them so a test can undo one
 *   checkpoint; `onCall` lets a test fail (or close the plugin at) any API call;
 * - after `close()` (the user closing the plugin, or `figma.closePlugin()`) every API call throws,
 *   no message from the UI and no event reaches the plugin, and a promise of Figma's still pending
 *   (an export, storage, image bytes) never settles, so no code after such an `await` runs.
 *
 * What it cannot know or promise about the real Figma: pixels (no fonts, anti-aliasing, strokes,
 * effects or blend modes are drawn, only reckoned in the rendered bounds; a VECTOR is a star; an
 * IMAGE fill is drawn only from pixels given to `addImage`, else flat grey; a layer with a colour
 * in its spec is drawn as stripes of that colour, one with only SOLID fills in its spec as its top
 * fill's colour); rendered bounds beyond boxes (text is its box, not its glyphs; a shadow is its
 * shape's box moved and grown by radius + spread, where Figma's blur reaches a little further; a
 * shadow's `spread` is taken on any node; a rotated child's bounds are taken unrotated); whether a
 * layer at opacity 0 counts as visible for an export (taken as not); that a node's own opacity is
 * baked into its export (believed, unverified); the wording of the storage-quota error; how
 * Figma counts stored bytes; children are drawn unrotated, and a group's children are placed
 * relative to the group (Figma places them relative to the group's parent); auto layout is
 * recorded, not computed (nothing reflows when a child is hidden or added); undo history is what
 * the plugin records, not Figma's own grouping; timing (an export takes one tick); the plugin's
 * own promises and timers, which the fake cannot stop at close (Figma cancels its timers and
 * destroys the whole environment), so a test must check that the plugin does nothing after close.
 */
import { createHash } from 'node:crypto';
import type {
  BlendMode,
  Effect,
  ExportSettingsImage,
  OnMessageProperties,
  Paint,
  RectangleNode,
} from '@figma/plugin-typings/plugin-api-standalone.js';
import { MessageLog, type MessageOfType } from '@nst/testing/message-log';
import { encodePng, imageSize } from '@nst/testing/png';
import type { MainToUi, UiToMain } from '../protocol.js';
import type { FigmaApi, FigmaNode, FigmaParent, FigmaRectangle } from '../main/figma-api.js';
import { grow, intersect, rotatedBounds, strokeOutset, union, withEffects, type Box } from './render-bounds.js';

type Change = { readonly what: string; readonly revert: () => void };

/** RGBA pixels of an image. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Called before every API call a node or `figma` gets (`clone`, `set opacity`, `exportAsync`, …); throw to make it fail. */
export type CallHook = (call: string, node: FakeNode | undefined) => void;

/** The document: where changes are recorded. */
class Document {
  pending: Change[] = [];
  readonly checkpoints: Change[][] = [];
  closed = false;
  onCall: CallHook | undefined;
  /** Decoded images that IMAGE fills are drawn from (given to `addImage`). */
  readonly pixels = new Map<string, DecodedImage>();

  record(what: string, revert: () => void): void {
    this.pending.push({ what, revert });
  }

  /**
   * Settles after a tick with what `produce` returns (or throws), unless the plugin was closed
   * meanwhile: then never, as Figma destroys the plugin's environment once its close handlers
   * return, so no continuation after an `await` on Figma runs (typings 1.142, `PluginAPI.on`,
   * "close": "The plugin execution environment will be destroyed immediately when all the
   * callbacks have returned, and further callbacks will not be called").
   */
  later<T>(produce: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      setTimeout(() => {
        if (this.closed) return;
        try {
          resolve(produce());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 0),
    );
  }

  guard(call?: string, node?: FakeNode): void {
    const closed = () => new Error('Cannot call the plugin API after figma.closePlugin() or after the plugin was closed.');
    if (this.closed) throw closed();
    if (call === undefined) return;
    this.onCall?.(call, node);
    if (this.closed) throw closed(); // closed by the hook: the call does not happen
  }
}

/** Node types the fake knows. */
export type FakeNodeType = 'FRAME' | 'COMPONENT' | 'INSTANCE' | 'GROUP' | 'RECTANGLE' | 'ELLIPSE' | 'TEXT' | 'VECTOR' | 'BOOLEAN_OPERATION';

/** How a fake node looks when exported. */
export interface FakeNodeSpec {
  readonly name: string;
  readonly type?: FakeNodeType;
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  /** Base colour, 0…255 RGB; for TEXT, the text colour (default black). */
  readonly color?: readonly [number, number, number];
  /** Transparent outside a centred ellipse. */
  readonly transparent?: boolean;
  readonly fills?: readonly Paint[];
  /** `exportAsync` rejects with this message, as Figma does for nodes with nothing visible. */
  readonly exportError?: string;
  /** TEXT only. */
  readonly characters?: string;
  readonly visible?: boolean;
  readonly opacity?: number;
  readonly rotation?: number;
  readonly blendMode?: BlendMode;
  readonly cornerRadius?: number;
  readonly clipsContent?: boolean;
  readonly strokes?: readonly Paint[];
  /** Default 1, as Figma's. */
  readonly strokeWeight?: number;
  /** Default `INSIDE` (Figma's default for frames and shapes; vectors' is `CENTER`, which the fake does not model). */
  readonly strokeAlign?: StrokeAlign;
  readonly effects?: readonly Effect[];
}

type StrokeAlign = 'CENTER' | 'INSIDE' | 'OUTSIDE';

const CONTAINERS: readonly string[] = ['FRAME', 'COMPONENT', 'INSTANCE', 'GROUP'];
const FRAMES: readonly string[] = ['FRAME', 'COMPONENT', 'INSTANCE'];

export class FakeParent implements FigmaParent {
  children: FakeNode[] = [];
  layoutMode?: 'NONE' | 'HORIZONTAL' | 'VERTICAL';

  constructor(protected readonly doc: Document) {}

  insertChild(index: number, child: FigmaNode): void {
    this.doc.guard('insertChild', this instanceof FakeNode ? this : undefined);
    if (!(child instanceof FakeNode)) throw new Error('insertChild: not a node of this document');
    // https://developers.figma.com/docs/plugins/api/properties/nodes-insertchild, "Possible error
    // cases": the new parent may be neither an instance nor inside one; nor may the node be inside one.
    if (this instanceof FakeNode && (this.type === 'INSTANCE' || this.insideInstance))
      throw new Error('Cannot move node. New parent is an instance or is inside of an instance');
    if (child.insideInstance) throw new Error('Cannot move node. Node is inside of an instance');
    const from = child.parent;
    const at = from?.children.indexOf(child) ?? -1;
    from?.children.splice(at, 1);
    this.children.splice(index > at && from === this ? index - 1 : index, 0, child);
    child.parent = this;
    this.doc.record(`insert ${child.id}`, () => {
      this.children.splice(this.children.indexOf(child), 1);
      child.parent = from;
      from?.children.splice(at, 0, child);
    });
  }
}

let nextId = 1;

/** Figma's client storage quota, in bytes. */
export const CLIENT_STORAGE_LIMIT = 5 * 1024 * 1024;

/**
 * About what `key: value` takes in client storage: bytes for byte arrays, UTF-8 for text (keys
 * included), 8 for other scalars. How Figma counts is not public; this is near enough for a quota.
 */
export function storedBytes(key: string, value: unknown): number {
  const size = (v: unknown): number => {
    if (v instanceof Uint8Array) return v.byteLength;
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (Array.isArray(v)) return v.reduce((sum: number, item: unknown) => sum + size(item), 0);
    if (typeof v === 'object' && v !== null) return Object.entries(v).reduce((sum, [k, item]) => sum + size(k) + size(item), 0);
    return 8;
  };
  return size(key) + size(value);
}

interface NodeState {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  visible: boolean;
  opacity: number;
  rotation: number;
  blendMode: BlendMode;
  fills?: readonly Paint[] | symbol;
  strokes?: readonly Paint[];
  strokeWeight?: number;
  strokeAlign?: StrokeAlign;
  effects?: readonly Effect[];
  cornerRadius?: number | symbol;
  clipsContent?: boolean;
  layoutPositioning: RectangleNode['layoutPositioning'];
}

type Rgba = [number, number, number, number];

/** A canvas of `W × H` px at `sx`, `sy` px per unit. */
interface Canvas {
  readonly W: number;
  readonly H: number;
  readonly sx: number;
  readonly sy: number;
}

/** A rectangle of canvas pixels, x0…x1 and y0…y1 (exclusive). */
interface Clip {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export class FakeNode extends FakeParent implements FigmaRectangle {
  readonly id = `1:${nextId++}`;
  readonly type: FakeNodeType;
  parent: FakeParent | null = null;
  private deleted = false;
  private state: NodeState;

  constructor(
    doc: Document,
    readonly spec: FakeNodeSpec,
    state?: NodeState,
  ) {
    super(doc);
    this.type = spec.type ?? 'FRAME';
    const type = this.type;
    this.state = state ?? {
      name: spec.name,
      x: spec.x ?? 0,
      y: spec.y ?? 0,
      width: spec.width,
      height: spec.height,
      visible: spec.visible ?? true,
      opacity: spec.opacity ?? 1,
      rotation: spec.rotation ?? 0,
      blendMode: spec.blendMode ?? (CONTAINERS.includes(type) ? 'PASS_THROUGH' : 'NORMAL'),
      layoutPositioning: 'AUTO',
      ...(type === 'GROUP'
        ? {}
        : {
            fills:
              spec.fills ??
              (type === 'TEXT'
                ? [{ type: 'SOLID', color: rgb(spec.color ?? [0, 0, 0]) }]
                : [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }]),
            strokes: spec.strokes ?? [],
            strokeWeight: spec.strokeWeight ?? 1,
            strokeAlign: spec.strokeAlign ?? 'INSIDE',
          }),
      effects: spec.effects ?? [],
      ...(FRAMES.includes(type) || type === 'RECTANGLE' ? { cornerRadius: spec.cornerRadius ?? 0 } : {}),
      ...(FRAMES.includes(type) ? { clipsContent: spec.clipsContent ?? true } : {}),
    };
  }

  /** Figma: a node inside a removed node is removed too. */
  get removed(): boolean {
    return this.deleted || (this.parent instanceof FakeNode && this.parent.removed);
  }

  /** Whether an ancestor is an instance (whose children cannot be removed or moved). */
  get insideInstance(): boolean {
    const parent = this.parent;
    return parent instanceof FakeNode && (parent.type === 'INSTANCE' || parent.insideInstance);
  }

  private set<K extends keyof NodeState>(key: K, value: NodeState[K]): void {
    this.doc.guard(`set ${key}`, this);
    if (this.removed) throw new Error(`The node with id "${this.id}" does not exist`);
    if (!(key in this.state)) throw new Error(`A ${this.type} node has no ${key}.`);
    const before = this.state[key];
    this.state[key] = value;
    this.doc.record(`${key} ${this.id}`, () => (this.state[key] = before));
  }

  get name() {
    return this.state.name;
  }
  set name(value: string) {
    this.set('name', value);
  }
  get x() {
    return this.state.x;
  }
  set x(value: number) {
    this.set('x', value);
  }
  get y() {
    return this.state.y;
  }
  set y(value: number) {
    this.set('y', value);
  }
  get width() {
    return this.state.width;
  }
  get height() {
    return this.state.height;
  }
  get visible() {
    return this.state.visible;
  }
  set visible(value: boolean) {
    this.set('visible', value);
  }
  get opacity() {
    return this.state.opacity;
  }
  set opacity(value: number) {
    if (!(value >= 0 && value <= 1)) throw new Error('opacity must be between 0 and 1');
    this.set('opacity', value);
  }
  get rotation() {
    return this.state.rotation;
  }
  set rotation(value: number) {
    this.set('rotation', value);
  }
  get blendMode() {
    return this.state.blendMode;
  }
  set blendMode(value: BlendMode) {
    this.set('blendMode', value);
  }
  get layoutPositioning() {
    return this.state.layoutPositioning;
  }
  set layoutPositioning(value: RectangleNode['layoutPositioning']) {
    this.set('layoutPositioning', value);
  }
  /** `undefined` for groups, which have no fills. */
  get fills(): readonly Paint[] | symbol | undefined {
    return this.state.fills;
  }
  set fills(value: readonly Paint[] | symbol | undefined) {
    if (value === undefined) throw new Error('fills cannot be set to undefined');
    this.set('fills', value);
  }
  get strokes(): readonly Paint[] | undefined {
    return this.state.strokes;
  }
  set strokes(value: readonly Paint[] | undefined) {
    if (value === undefined) throw new Error('strokes cannot be set to undefined');
    this.set('strokes', value);
  }
  get strokeWeight(): number | undefined {
    return this.state.strokeWeight;
  }
  set strokeWeight(value: number | undefined) {
    if (value === undefined || !(value >= 0)) throw new Error('strokeWeight must be a number >= 0');
    this.set('strokeWeight', value);
  }
  get strokeAlign(): StrokeAlign | undefined {
    return this.state.strokeAlign;
  }
  set strokeAlign(value: StrokeAlign | undefined) {
    if (value === undefined) throw new Error('strokeAlign cannot be set to undefined');
    this.set('strokeAlign', value);
  }
  get effects(): readonly Effect[] | undefined {
    return this.state.effects;
  }
  set effects(value: readonly Effect[] | undefined) {
    if (value === undefined) throw new Error('effects cannot be set to undefined');
    this.set('effects', value);
  }
  get cornerRadius(): number | symbol | undefined {
    return this.state.cornerRadius;
  }
  set cornerRadius(value: number | symbol | undefined) {
    if (typeof value !== 'number') throw new Error('cornerRadius must be a number');
    this.set('cornerRadius', value);
  }
  get clipsContent(): boolean | undefined {
    return this.state.clipsContent;
  }
  set clipsContent(value: boolean | undefined) {
    if (value === undefined) throw new Error('clipsContent cannot be set to undefined');
    this.set('clipsContent', value);
  }
  get characters(): string | undefined {
    return this.type === 'TEXT' ? (this.spec.characters ?? this.spec.name) : undefined;
  }

  resize(width: number, height: number): void {
    if (!(width >= 0.01 && height >= 0.01)) throw new Error('resize: width and height must be >= 0.01');
    this.doc.guard('resize', this);
    const before = { width: this.state.width, height: this.state.height };
    Object.assign(this.state, { width, height });
    this.doc.record(`resize ${this.id}`, () => Object.assign(this.state, before));
  }

  /** A deep copy with new ids, parented under the page as Figma's `clone()` is. */
  clone(): FakeNode {
    this.doc.guard('clone', this);
    if (this.removed) throw new Error(`The node with id "${this.id}" does not exist`);
    const copy = this.copy();
    const page = this.page();
    copy.parent = page;
    page.children.push(copy);
    this.doc.record(`create ${copy.id}`, () => copy.detach());
    return copy;
  }

  private copy(): FakeNode {
    const copy = new FakeNode(this.doc, this.spec, structuredClone(this.state));
    copy.layoutMode = this.layoutMode;
    copy.children = this.children.map((child) => {
      const c = child.copy();
      c.parent = copy;
      return c;
    });
    return copy;
  }

  private page(): FakeParent {
    let at: FakeParent | null = this.parent;
    while (at instanceof FakeNode) at = at.parent;
    if (at === null) throw new Error('clone: the node is not on a page');
    return at;
  }

  /** Figma's `remove()`: recorded, so undo puts the node back where it was. */
  remove(): void {
    this.doc.guard('remove', this);
    if (this.removed) throw new Error(`The node with id "${this.id}" does not exist`);
    if (this.insideInstance) throw new Error('Cannot remove a node inside an instance');
    const parent = this.parent;
    const at = parent?.children.indexOf(this) ?? -1;
    this.detach();
    this.doc.record(`remove ${this.id}`, () => {
      this.deleted = false;
      this.parent = parent;
      parent?.children.splice(at, 0, this);
    });
  }

  /** Takes the node out of the tree without recording it (undo of a creation). */
  detach(): void {
    this.parent?.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
    this.deleted = true;
  }

  /** Every node under this one, depth first, in paint order. */
  descendants(): FakeNode[] {
    return this.children.flatMap((child) => [child, ...child.descendants()]);
  }

  /**
   * A PNG of what the node renders. Without `useAbsoluteBounds: true` it covers the node's
   * rendered bounds (its box plus drop shadows, layer blurs, strokes outside it and children
   * overflowing it when `clipsContent` is off, less empty space), as Figma's export does
   * (https://developers.figma.com/docs/plugins/api/ExportSettings, `useAbsoluteBounds`); with it,
   * the node's box. A node that renders nothing is refused with Figma's message.
   */
  async exportAsync(settings: ExportSettingsImage): Promise<Uint8Array> {
    this.doc.guard('exportAsync', this);
    if (settings.format !== 'PNG') throw new Error('the fake exports PNG only');
    if (this.spec.exportError !== undefined) throw new Error(this.spec.exportError);
    if (this.removed) throw new Error(`The node with id "${this.id}" does not exist`);
    return this.doc.later(() => this.exportNow(settings));
  }

  private exportNow(settings: ExportSettingsImage): Uint8Array {
    const rendered = this.renderBounds();
    // Figma's message for an export with nothing visible in it, as issue 22 and the project's
    // platform notes record it (the API reference does not list exportAsync's errors; typings 1.142
    // `absoluteRenderBounds` is "null if the node is invisible").
    if (rendered === undefined) throw new Error('Failed to export node. This node may not have any visible layers.');
    const region = settings.useAbsoluteBounds === true ? { left: 0, top: 0, width: this.width, height: this.height } : rendered;
    const box = rotatedBounds(region, this.rotation);
    const c = settings.constraint ?? { type: 'SCALE', value: 1 };
    const scale = c.type === 'SCALE' ? c.value : c.type === 'WIDTH' ? c.value / box.width : c.value / box.height;
    const width = Math.max(1, Math.round(box.width * scale));
    const height = Math.max(1, Math.round(box.height * scale));
    if (this.rotation === 0) return encodePng(width, height, this.renderRegion(region, width, height));
    const lw = Math.max(1, Math.round(region.width * scale));
    const lh = Math.max(1, Math.round(region.height * scale));
    const local = this.renderRegion(region, lw, lh);
    const out = new Uint8Array(width * height * 4);
    const t = (this.rotation * Math.PI) / 180;
    const [cos, sin] = [Math.cos(t), Math.sin(t)];
    for (let py = 0; py < height; py++) {
      for (let px = 0; px < width; px++) {
        const dx = box.left + ((px + 0.5) / width) * box.width;
        const dy = box.top + ((py + 0.5) / height) * box.height;
        const u = Math.floor(((dx * cos - dy * sin - region.left) / region.width) * lw);
        const v = Math.floor(((dx * sin + dy * cos - region.top) / region.height) * lh);
        if (u >= 0 && u < lw && v >= 0 && v < lh) out.set(local.subarray((v * lw + u) * 4, (v * lw + u) * 4 + 4), (py * width + px) * 4);
      }
    }
    return encodePng(width, height, out);
  }

  /**
   * What the node renders, in its own axes (unrotated, origin at its top-left), or undefined when
   * it renders nothing: hidden, at opacity 0, or with no visible paint anywhere in it.
   */
  renderBounds(): Box | undefined {
    if (!this.visible || this.opacity <= 0) return undefined;
    const own: Box = { left: 0, top: 0, width: this.width, height: this.height };
    const visiblePaint = (paints: unknown) => Array.isArray(paints) && paints.some((p: Paint) => p.visible !== false);
    let shape = visiblePaint(this.fills) || this.type === 'TEXT' ? own : undefined;
    if (visiblePaint(this.strokes)) shape = union(shape, grow(own, strokeOutset(this.strokeWeight ?? 1, this.strokeAlign ?? 'INSIDE')));
    for (const child of this.children) {
      const inner = child.renderBounds();
      if (inner === undefined) continue;
      const placed = { ...inner, left: inner.left + child.x, top: inner.top + child.y };
      shape = union(shape, this.clipsContent === true ? intersect(placed, own) : placed);
    }
    return shape === undefined ? undefined : withEffects(shape, this.effects ?? []);
  }

  /** The node unrotated at `width × height` px: its own paint, then its visible children, times its own opacity. */
  render(width: number, height: number): Uint8Array {
    return this.renderRegion({ left: 0, top: 0, width: this.width, height: this.height }, width, height);
  }

  /** `region` of the node (in its own axes) at `width × height` px, unrotated. */
  private renderRegion(region: Box, width: number, height: number): Uint8Array {
    const data = new Uint8Array(width * height * 4);
    const [sx, sy] = [width / region.width, height / region.height];
    this.paint(data, { W: width, H: height, sx, sy }, -region.left, -region.top, 1, { x0: 0, y0: 0, x1: width, y1: height });
    return data;
  }

  /** Paints the node with its origin at (ox, oy) canvas units, inside `clip` (px); its children clipped to it when it clips content. */
  private paint(data: Uint8Array, canvas: Canvas, ox: number, oy: number, alpha: number, clip: Clip): void {
    const a = alpha * this.opacity;
    if (!this.visible || a <= 0) return;
    const { W, sx, sy } = canvas;
    const fills = Array.isArray(this.fills) ? (this.fills as readonly Paint[]).filter((p) => p.visible !== false) : [];
    const x0 = Math.max(clip.x0, Math.floor(ox * sx));
    const y0 = Math.max(clip.y0, Math.floor(oy * sy));
    const x1 = Math.min(clip.x1, Math.ceil((ox + this.width) * sx));
    const y1 = Math.min(clip.y1, Math.ceil((oy + this.height) * sy));
    if (fills.length > 0) {
      for (let py = y0; py < y1; py++) {
        for (let px = x0; px < x1; px++) {
          const u = ((px + 0.5) / sx - ox) / this.width;
          const v = ((py + 0.5) / sy - oy) / this.height;
          const colour = this.colourAt(u, v, fills);
          if (colour !== undefined) blend(data, (py * W + px) * 4, colour, a);
        }
      }
    }
    const inner = this.clipsContent === true ? { x0, y0, x1, y1 } : clip;
    for (const child of this.children) child.paint(data, canvas, ox + child.x, oy + child.y, a, inner);
  }

  /** The colour of the node's own paint at (u, v) in 0…1 of its box, or undefined where it is clear. */
  private colourAt(u: number, v: number, fills: readonly Paint[]): Rgba | undefined {
    if (u < 0 || u >= 1 || v < 0 || v >= 1) return undefined;
    if (this.type === 'TEXT') {
      // Bars of ink where glyphs would be: one line, glyphs 0.35 × the line height wide with gaps.
      const glyph = Math.floor((u * this.width) / (this.height * 0.35)) % 3 !== 2;
      const top = fills.at(-1);
      const [r, g, b] = top?.type === 'SOLID' ? [top.color.r * 255, top.color.g * 255, top.color.b * 255] : [0, 0, 0];
      return glyph && v >= 0.2 && v < 0.8 ? [r, g, b, 255 * (top?.type === 'SOLID' ? (top.opacity ?? 1) : 1)] : undefined;
    }
    if (this.spec.transparent === true && (2 * u - 1) ** 2 + (2 * v - 1) ** 2 > 1) return undefined;
    if (this.type === 'ELLIPSE' && (2 * u - 1) ** 2 + (2 * v - 1) ** 2 > 1) return undefined;
    const radius = typeof this.cornerRadius === 'number' ? this.cornerRadius : 0;
    if (radius > 0) {
      const px = u * this.width;
      const py = v * this.height;
      const cx = Math.min(Math.max(px, radius), this.width - radius);
      const cy = Math.min(Math.max(py, radius), this.height - radius);
      if ((px - cx) ** 2 + (py - cy) ** 2 > radius ** 2) return undefined;
    }
    if (this.type === 'VECTOR' && !insideStar(u, v)) return undefined;
    if (this.spec.color === undefined && this.spec.fills !== undefined) {
      const top = fills.at(-1);
      if (top?.type === 'SOLID') {
        const { r, g, b } = top.color;
        return [r * 255, g * 255, b * 255, 255 * (top.opacity ?? 1)];
      }
    }
    const image = [...fills].reverse().find((p) => p.type === 'IMAGE');
    if (image !== undefined) {
      const pixels = image.type === 'IMAGE' && image.imageHash !== null ? this.doc.pixels.get(image.imageHash) : undefined;
      return pixels === undefined ? [128, 128, 128, 255] : cover(pixels, u, v, this.width / this.height);
    }
    // Diagonal stripes over a gradient of the base colour, so a style has structure to work on.
    const [r, g, b] = this.spec.color ?? [200, 120, 60];
    const stripe = Math.floor((u + v) * 8) % 2 === 0 ? 1 : 0.6;
    return [r * stripe * (0.5 + 0.5 * u), g * stripe * (0.5 + 0.5 * v), b * stripe, 255];
  }
}

/** A five-pointed star in the unit box: how the fake draws a VECTOR (an icon). */
function insideStar(u: number, v: number): boolean {
  const points = Array.from({ length: 10 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? 0.5 : 0.2;
    return [0.5 + r * Math.cos(angle), 0.52 + r * Math.sin(angle)] as const;
  });
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > v !== yj > v && u < ((xj - xi) * (v - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The pixel of `image` at (u, v) of a box of aspect `aspect`, the image scaled to cover it (scaleMode FILL). */
function cover(image: DecodedImage, u: number, v: number, aspect: number): Rgba {
  const scale = Math.max(1 / image.width, 1 / aspect / image.height); // box units per image px, box width = 1
  const x = Math.floor((u - 0.5) / scale + image.width / 2);
  const y = Math.floor((v - 0.5) / aspect / scale + image.height / 2);
  const i = (Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
}

const rgb = ([r, g, b]: readonly [number, number, number]) => ({ r: r / 255, g: g / 255, b: b / 255 });

/** Source-over of `colour` at `alpha` onto the RGBA pixel at `i`. */
function blend(data: Uint8Array, i: number, colour: Rgba, alpha: number): void {
  const sa = (colour[3] / 255) * alpha;
  const da = data[i + 3]! / 255;
  const oa = sa + da * (1 - sa);
  if (oa <= 0) return;
  for (let k = 0; k < 3; k++) data[i + k] = Math.round((colour[k]! * sa + data[i + k]! * da * (1 - sa)) / oa);
  data[i + 3] = Math.round(oa * 255);
}

/** `figma.ui`: what the main thread posts is recorded in a {@link MessageLog}; `fromUi` plays the UI. */
export class FakeUi {
  onmessage: ((message: unknown, props: OnMessageProperties) => void) | undefined;
  private readonly log = new MessageLog<MainToUi>();

  constructor(private readonly doc: Document) {}

  /** Every message posted to the UI so far, in order. */
  get sent(): readonly MainToUi[] {
    return this.log.messages;
  }

  postMessage(message: unknown): void {
    this.doc.guard();
    this.log.push(structuredClone(message) as MainToUi);
  }

  /** Delivers `message` to the main thread as the UI iframe would (nothing reaches a closed plugin). */
  fromUi(message: UiToMain): void {
    this.fromUiUnchecked(message);
  }

  /** Delivers anything at all, as a UI of another version, or a bug, could post it. */
  fromUiUnchecked(message: unknown): void {
    if (this.doc.closed) return;
    this.onmessage?.(structuredClone(message), { origin: 'null' });
  }

  /** Calls `listener` with every later message to the UI; returns a function that stops it. */
  listen(listener: (message: MainToUi) => void): () => void {
    return this.log.listen(listener);
  }

  /** The first message of `type` not yet taken by an earlier `next`, waiting for it if need be. */
  next<T extends MainToUi['type']>(type: T): Promise<MessageOfType<MainToUi, T>> {
    return this.log.next(type);
  }

  /** Messages of `type` sent so far. */
  all<T extends MainToUi['type']>(type: T): MessageOfType<MainToUi, T>[] {
    return this.log.all(type);
  }
}

/** The fake `figma` global. */
export class FakeFigma implements FigmaApi {
  private readonly doc = new Document();
  readonly page = new FakeParent(this.doc);
  readonly ui = new FakeUi(this.doc);
  readonly notifications: { message: string; error: boolean }[] = [];
  readonly images = new Map<string, Uint8Array>();
  readonly storage = new Map<string, unknown>();
  private selection: FakeNode[] = [];
  private readonly handlers = { selectionchange: new Set<() => void>(), close: new Set<() => void>() };

  /**
   * `figma.clientStorage`, with Figma's quota: "The total client storage limit is now 5 MB"
   * (Version 1 Update 109, https://developers.figma.com/docs/plugins/updates/2025/03/17/version-1-update-109).
   * `setAsync` rejects when the stored values would pass it ("reject with an error message if
   * storage failed", typings 1.142 `ClientStorageAPI.setAsync`).
   */
  readonly clientStorage = {
    getAsync: (key: string): Promise<unknown> => {
      this.doc.guard();
      return this.doc.later(() => structuredClone(this.storage.get(key)));
    },
    setAsync: (key: string, value: unknown): Promise<void> => {
      this.doc.guard();
      return this.doc.later(() => {
        const others = [...this.storage].filter(([k]) => k !== key);
        const total = others.reduce((sum, [k, v]) => sum + storedBytes(k, v), 0) + storedBytes(key, value);
        if (total > CLIENT_STORAGE_LIMIT)
          throw new Error(`Client storage is full: ${total} bytes would pass the plugin's limit of ${CLIENT_STORAGE_LIMIT}.`);
        this.storage.set(key, structuredClone(value));
      });
    },
  };

  get currentPage(): { readonly selection: readonly FakeNode[] } {
    this.doc.guard();
    return { selection: this.selection };
  }

  /** Undo checkpoints, each the changes it groups. */
  get checkpoints(): readonly (readonly string[])[] {
    return this.doc.checkpoints.map((changes) => changes.map((c) => c.what));
  }

  /** Changes made since the last checkpoint. */
  get uncommitted(): readonly string[] {
    return this.doc.pending.map((c) => c.what);
  }

  get closed(): boolean {
    return this.doc.closed;
  }

  on(type: 'selectionchange' | 'close', callback: () => void): void {
    this.doc.guard();
    this.handlers[type].add(callback);
  }

  notify(message: string, options?: { error?: boolean }): void {
    this.doc.guard();
    if (message.length > 100) throw new Error('figma.notify: the message is over 100 characters');
    this.notifications.push({ message, error: options?.error === true });
  }

  createImage(bytes: Uint8Array): { hash: string } {
    this.doc.guard('createImage');
    const size = imageSize(bytes);
    if (size === undefined) throw new Error('Image type is unsupported');
    if (size.width > 4096 || size.height > 4096) throw new Error('Image is too large');
    if (size.width < 1 || size.height < 1) throw new Error('Image is too small');
    const hash = createHash('sha1').update(bytes).digest('hex');
    this.images.set(hash, bytes);
    return { hash };
  }

  getImageByHash(hash: string): { getBytesAsync(): Promise<Uint8Array> } | null {
    this.doc.guard();
    const bytes = this.images.get(hash);
    return bytes === undefined ? null : { getBytesAsync: () => this.doc.later(() => bytes) };
  }

  createRectangle(): FakeNode {
    this.doc.guard('createRectangle');
    const node = new FakeNode(this.doc, { name: 'Rectangle', type: 'RECTANGLE', width: 100, height: 100 });
    node.parent = this.page;
    this.page.children.push(node);
    this.doc.record(`create ${node.id}`, () => node.detach());
    return node;
  }

  commitUndo(): void {
    this.doc.guard('commitUndo');
    if (this.doc.pending.length > 0) this.doc.checkpoints.push(this.doc.pending);
    this.doc.pending = [];
  }

  // What the test does to the document, not part of FigmaApi.

  /** Called before API calls on the document: throw from it to make that call fail, or close the plugin there. */
  set onCall(hook: CallHook | undefined) {
    this.doc.onCall = hook;
  }

  /** Every node on the page, depth first. */
  allNodes(): FakeNode[] {
    return this.page.children.flatMap((node) => [node, ...node.descendants()]);
  }

  /** Adds a node to the page (or to `parent`), as the user had drawn it. */
  add(spec: FakeNodeSpec, parent: FakeParent = this.page): FakeNode {
    const node = new FakeNode(this.doc, spec);
    node.parent = parent;
    parent.children.push(node);
    return node;
  }

  /**
   * Adds an image to the file, as a user dropping it in would; returns its hash. With `pixels`
   * (its decoded RGBA), IMAGE fills of it are drawn in exports; without, they are flat grey.
   */
  addImage(bytes: Uint8Array, pixels?: DecodedImage): string {
    const size = imageSize(bytes);
    if (size === undefined) throw new Error('Image type is unsupported');
    const hash = createHash('sha1').update(bytes).digest('hex');
    this.images.set(hash, bytes);
    if (pixels !== undefined) this.doc.pixels.set(hash, pixels);
    return hash;
  }

  /** The user deletes `node` (recorded like any change). */
  delete(node: FakeNode): void {
    node.remove();
  }

  select(...nodes: FakeNode[]): void {
    this.selection = nodes;
    if (this.doc.closed) return;
    for (const handler of this.handlers.selectionchange) handler();
  }

  /** Undoes the last checkpoint (and anything uncommitted after it), as Cmd+Z would. */
  undo(): void {
    const changes = this.doc.pending.length > 0 ? this.doc.pending : (this.doc.checkpoints.pop() ?? []);
    this.doc.pending = [];
    for (const change of [...changes].reverse()) change.revert();
  }

  /** The user closes the plugin: handlers run, then every API call throws. */
  close(): void {
    for (const handler of this.handlers.close) handler();
    this.doc.closed = true;
  }
}
