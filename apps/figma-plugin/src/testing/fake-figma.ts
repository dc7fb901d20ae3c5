/**
 * A fake of the part of Figma's plugin API that the main thread uses (`FigmaApi`), faithful where
 * the plugin depends on it: `exportAsync` renders real PNG bytes at the constraint's size,
 * `createImage` refuses what Figma refuses, every document change is recorded and `commitUndo`
 * groups them so a test can undo one checkpoint, and after `close()` every call throws.
 */
import { createHash } from 'node:crypto';
import type { ExportSettingsImage, OnMessageProperties, Paint, RectangleNode } from '@figma/plugin-typings/plugin-api-standalone.js';
import type { MainToUi, UiToMain } from '../protocol.js';
import type { FigmaApi, FigmaNode, FigmaParent, FigmaRectangle } from '../main/figma-api.js';
import { encodePng, imageSize } from './png.js';

type Change = { readonly what: string; readonly revert: () => void };

/** The document: where changes are recorded. */
class Document {
  pending: Change[] = [];
  readonly checkpoints: Change[][] = [];
  closed = false;

  record(what: string, revert: () => void): void {
    this.pending.push({ what, revert });
  }

  guard(): void {
    if (this.closed) throw new Error('Cannot call the plugin API after figma.closePlugin() or after the plugin was closed.');
  }
}

/** How a fake node looks when exported. */
export interface FakeNodeSpec {
  readonly name: string;
  readonly type?: 'FRAME' | 'RECTANGLE' | 'GROUP' | 'TEXT';
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  /** Base colour, 0…255 RGB. */
  readonly color?: readonly [number, number, number];
  /** Transparent outside a centred ellipse. */
  readonly transparent?: boolean;
  readonly fills?: readonly Paint[];
  /** `exportAsync` rejects with this message, as Figma does for nodes with nothing visible. */
  readonly exportError?: string;
}

export class FakeParent implements FigmaParent {
  children: FakeNode[] = [];
  layoutMode?: 'NONE' | 'HORIZONTAL' | 'VERTICAL';

  constructor(protected readonly doc: Document) {}

  insertChild(index: number, child: FigmaNode): void {
    this.doc.guard();
    if (!(child instanceof FakeNode)) throw new Error('insertChild: not a node of this document');
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

export class FakeNode extends FakeParent implements FigmaRectangle {
  readonly id = `1:${nextId++}`;
  readonly type: FakeNodeSpec['type'] & string;
  parent: FakeParent | null = null;
  removed = false;
  layoutPositioning: RectangleNode['layoutPositioning'] = 'AUTO';
  private state: { name: string; x: number; y: number; width: number; height: number; fills?: readonly Paint[] | symbol };

  constructor(doc: Document, readonly spec: FakeNodeSpec) {
    super(doc);
    this.type = spec.type ?? 'FRAME';
    this.state = { name: spec.name, x: spec.x ?? 0, y: spec.y ?? 0, width: spec.width, height: spec.height };
    if (this.type !== 'GROUP') this.state.fills = spec.fills ?? [{ type: 'SOLID', color: { r: 1, g: 1, b: 1 } }];
  }

  private set<K extends keyof FakeNode['state']>(key: K, value: FakeNode['state'][K]): void {
    this.doc.guard();
    const before = this.state[key];
    this.state[key] = value;
    this.doc.record(`${key} ${this.id}`, () => (this.state[key] = before));
  }

  get name() { return this.state.name; }
  set name(value: string) { this.set('name', value); }
  get x() { return this.state.x; }
  set x(value: number) { this.set('x', value); }
  get y() { return this.state.y; }
  set y(value: number) { this.set('y', value); }
  get width() { return this.state.width; }
  get height() { return this.state.height; }
  /** `undefined` for groups, which have no fills. */
  get fills(): readonly Paint[] | symbol | undefined {
    return this.state.fills;
  }
  set fills(value: readonly Paint[] | symbol | undefined) {
    if (value === undefined) throw new Error('fills cannot be set to undefined');
    if (this.state.fills === undefined) throw new Error(`A ${this.type} node has no fills.`);
    this.set('fills', value);
  }

  resize(width: number, height: number): void {
    if (!(width >= 0.01 && height >= 0.01)) throw new Error('resize: width and height must be >= 0.01');
    this.doc.guard();
    const before = { width: this.state.width, height: this.state.height };
    Object.assign(this.state, { width, height });
    this.doc.record(`resize ${this.id}`, () => Object.assign(this.state, before));
  }

  remove(): void {
    this.parent?.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
    this.removed = true;
  }

  async exportAsync(settings: ExportSettingsImage): Promise<Uint8Array> {
    this.doc.guard();
    if (settings.format !== 'PNG') throw new Error('the fake exports PNG only');
    if (this.spec.exportError !== undefined) throw new Error(this.spec.exportError);
    const c = settings.constraint ?? { type: 'SCALE', value: 1 };
    const scale = c.type === 'SCALE' ? c.value : c.type === 'WIDTH' ? c.value / this.width : c.value / this.height;
    const width = Math.max(1, Math.round(this.width * scale));
    const height = Math.max(1, Math.round(this.height * scale));
    return encodePng(width, height, this.render(width, height));
  }

  /** Diagonal stripes over a gradient of the base colour, so a style has structure to work on. */
  render(width: number, height: number): Uint8Array {
    const [r, g, b] = this.spec.color ?? [200, 120, 60];
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const u = x / width;
        const v = y / height;
        const stripe = Math.floor((u + v) * 8) % 2 === 0 ? 1 : 0.6;
        const i = (y * width + x) * 4;
        data[i] = r * stripe * (0.5 + 0.5 * u);
        data[i + 1] = g * stripe * (0.5 + 0.5 * v);
        data[i + 2] = b * stripe;
        const inside = (2 * u - 1) ** 2 + (2 * v - 1) ** 2 <= 1;
        data[i + 3] = this.spec.transparent === true && !inside ? 0 : 255;
      }
    }
    return data;
  }
}

type UiListener = (message: MainToUi) => void;

/** `figma.ui`: what the main thread posts is recorded; `fromUi` plays the UI. */
export class FakeUi {
  readonly sent: MainToUi[] = [];
  onmessage: ((message: unknown, props: OnMessageProperties) => void) | undefined;
  private readonly listeners = new Set<UiListener>();
  private readonly taken = new Set<number>();
  private waiters: { type: MainToUi['type']; resolve: (m: MainToUi) => void }[] = [];

  constructor(private readonly doc: Document) {}

  postMessage(message: unknown): void {
    this.doc.guard();
    const copy = structuredClone(message) as MainToUi;
    this.sent.push(copy);
    this.settle();
    for (const listener of this.listeners) listener(copy);
  }

  /** Delivers `message` to the main thread as the UI iframe would. */
  fromUi(message: UiToMain): void {
    this.onmessage?.(structuredClone(message), { origin: 'null' });
  }

  /** Calls `listener` with every later message to the UI. */
  listen(listener: UiListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first message of `type` not yet taken by an earlier `next`, waiting for it if need be. */
  next<T extends MainToUi['type']>(type: T): Promise<Extract<MainToUi, { type: T }>> {
    return new Promise((resolve) => {
      this.waiters.push({ type, resolve: resolve as (m: MainToUi) => void });
      this.settle();
    });
  }

  /** Messages of `type` sent so far. */
  all<T extends MainToUi['type']>(type: T): Extract<MainToUi, { type: T }>[] {
    return this.sent.filter((m): m is Extract<MainToUi, { type: T }> => m.type === type);
  }

  private settle(): void {
    this.waiters = this.waiters.filter((waiter) => {
      const index = this.sent.findIndex((m, i) => !this.taken.has(i) && m.type === waiter.type);
      if (index < 0) return true;
      this.taken.add(index);
      waiter.resolve(this.sent[index]!);
      return false;
    });
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

  readonly clientStorage = {
    getAsync: async (key: string): Promise<unknown> => {
      this.doc.guard();
      return structuredClone(this.storage.get(key));
    },
    setAsync: async (key: string, value: unknown): Promise<void> => {
      this.doc.guard();
      this.storage.set(key, structuredClone(value));
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
    this.doc.guard();
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
    return bytes === undefined ? null : { getBytesAsync: async () => bytes };
  }

  createRectangle(): FakeNode {
    this.doc.guard();
    const node = new FakeNode(this.doc, { name: 'Rectangle', type: 'RECTANGLE', width: 100, height: 100 });
    node.parent = this.page;
    this.page.children.push(node);
    this.doc.record(`create ${node.id}`, () => node.remove());
    return node;
  }

  commitUndo(): void {
    this.doc.guard();
    if (this.doc.pending.length > 0) this.doc.checkpoints.push(this.doc.pending);
    this.doc.pending = [];
  }

  // What the test does to the document, not part of FigmaApi.

  /** Adds a node to the page (or to `parent`), as the user had drawn it. */
  add(spec: FakeNodeSpec, parent: FakeParent = this.page): FakeNode {
    const node = new FakeNode(this.doc, spec);
    node.parent = parent;
    parent.children.push(node);
    return node;
  }

  /** Adds an image to the file, as a user dropping it in would; returns its hash. */
  addImage(bytes: Uint8Array): string {
    return this.createImage(bytes).hash;
  }

  select(...nodes: FakeNode[]): void {
    this.selection = nodes;
    for (const handler of this.handlers.selectionchange) handler();
  }

  /** Undoes the last checkpoint (and anything uncommitted after it), as Cmd+Z would. */
  undo(): void {
    const changes = this.doc.pending.length > 0 ? this.doc.pending : this.doc.checkpoints.pop() ?? [];
    this.doc.pending = [];
    for (const change of [...changes].reverse()) change.revert();
  }

  /** The user closes the plugin: handlers run, then every API call throws. */
  close(): void {
    for (const handler of this.handlers.close) handler();
    this.doc.closed = true;
  }
}
