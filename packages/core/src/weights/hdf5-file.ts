/**
 * An HDF5 file's groups and datasets, read by path from a {@link ByteSource}: enough of HDF5 for what
 * h5py writes by default, as Keras's weight files are: superblock 0–3, groups as symbol tables
 * (B-tree v1, local heap) or links (compact, or dense in a fractal heap: {@link denseLinks}), float
 * datasets stored contiguous or compact. Chunked or filtered datasets are refused by name. Ref: The HDF Group,
 * "HDF5 File Format Specification Version 3.0", II (superblock), III.A.1 (B-tree v1), III.C
 * (symbol table nodes), III.D (local heap), IV.A.2 (messages).
 */
import type { ByteSource } from './byte-source.js';
import { denseLinks, parseLink } from './hdf5-links.js';
import { hdf5Error, type Hdf5Sizes, type HeaderMessage, readBlock, readObjectHeader, readSized } from './hdf5-object-header.js';

/** A dataset's shape and float values (row-major, as HDF5 stores them). */
export interface Hdf5Dataset {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const MESSAGE = { dataspace: 0x01, datatype: 0x03, link: 0x06, layout: 0x08, filters: 0x0b, symbolTable: 0x11, linkInfo: 0x02 };
const FLOAT_CLASS = 1;

/** An opened HDF5 file. */
export class Hdf5File {
  private constructor(
    private readonly source: ByteSource,
    private readonly sizes: Hdf5Sizes,
    private readonly base: number,
    private readonly root: number,
  ) {}

  /** Opens the file in `source`: finds its superblock (at 0, 512, 1024, …) and root group. */
  static async open(source: ByteSource): Promise<Hdf5File> {
    for (let at = 0; at + 8 <= source.size; at = at === 0 ? 512 : at * 2) {
      const head = await readBlock(source, at, Math.min(source.size - at, 96));
      if (!SIGNATURE.every((b, i) => head.getUint8(i) === b)) continue;
      const version = head.getUint8(8);
      if (version === 0 || version === 1) {
        const sizes = { offsets: head.getUint8(13), lengths: head.getUint8(14) };
        // Then base, free-space, EOF and driver addresses; v1 has 4 more bytes before them; then the root's symbol table entry.
        const addresses = 24 + (version === 1 ? 4 : 0);
        const rootEntry = addresses + 4 * sizes.offsets;
        return new Hdf5File(
          source,
          sizes,
          readSized(head, addresses, sizes.offsets) || at,
          readSized(head, rootEntry + sizes.offsets, sizes.offsets),
        );
      }
      const sizes = { offsets: head.getUint8(9), lengths: head.getUint8(10) };
      return new Hdf5File(source, sizes, readSized(head, 12, sizes.offsets) || at, readSized(head, 12 + 3 * sizes.offsets, sizes.offsets));
    }
    throw hdf5Error('This is not an HDF5 (.h5) file: it has no HDF5 signature.', 'no HDF5 signature');
  }

  /** The dataset at `path` ('a/b/kernel:0'), or undefined when there is no such object; throws for one it cannot read. */
  async dataset(path: string): Promise<Hdf5Dataset | undefined> {
    let address = this.root;
    for (const name of path.split('/').filter(Boolean)) {
      const child = await this.#child(address, name);
      if (child === undefined) return undefined;
      address = child;
    }
    return this.#readDataset(path, await readObjectHeader(this.source, this.base + address, this.sizes));
  }

  /** The header address of `name` in the group whose header is at `group`. */
  async #child(group: number, name: string): Promise<number | undefined> {
    const messages = await readObjectHeader(this.source, this.base + group, this.sizes);
    const table = messages.find((m) => m.type === MESSAGE.symbolTable);
    if (table !== undefined) {
      const [tree, heap] = [readSized(table.body, 0, this.sizes.offsets), readSized(table.body, this.sizes.offsets, this.sizes.offsets)];
      return this.#findInTree(tree, await this.#heapData(heap), name);
    }
    for (const message of messages.filter((m) => m.type === MESSAGE.link)) {
      const link = parseLink(message.body, 0, this.sizes);
      if (link.name === name) return link.address;
    }
    const info = messages.find((m) => m.type === MESSAGE.linkInfo)?.body;
    const heap = info === undefined ? undefined : readSized(info, 2 + ((info.getUint8(1) & 1) !== 0 ? 8 : 0), this.sizes.offsets);
    if (heap !== undefined && heap !== 2 ** (8 * this.sizes.offsets) - 1)
      return (await denseLinks(this.source, this.base, heap, this.sizes)).get(name);
    return undefined;
  }

  /** A local heap's data segment (the group's link names). */
  async #heapData(heap: number): Promise<DataView> {
    const head = await readBlock(this.source, this.base + heap, 8 + 2 * this.sizes.lengths + this.sizes.offsets);
    if (head.getUint32(0, true) !== 0x50414548)
      throw hdf5Error('A group of this .h5 file has no local heap where one belongs: it is corrupt.', 'a bad heap'); // 'HEAP'
    const size = readSized(head, 8, this.sizes.lengths);
    return readBlock(this.source, this.base + readSized(head, 8 + 2 * this.sizes.lengths, this.sizes.offsets), size);
  }

  /** Walks a group B-tree (v1, type 0) down to its symbol table nodes, looking for `name`. */
  async #findInTree(node: number, heap: DataView, name: string): Promise<number | undefined> {
    const { offsets, lengths } = this.sizes;
    const head = await readBlock(this.source, this.base + node, 8 + 2 * offsets);
    const signature = head.getUint32(0, true);
    if (signature === 0x444f4e53) return this.#findInNode(node, heap, name); // 'SNOD'
    if (signature !== 0x45455254) throw hdf5Error('A group of this .h5 file has a broken B-tree: it is corrupt.', 'a bad B-tree'); // 'TREE'
    const entries = head.getUint16(6, true);
    const body = await readBlock(this.source, this.base + node + 8 + 2 * offsets, entries * (lengths + offsets) + lengths);
    for (let i = 0; i < entries; i += 1) {
      const found = await this.#findInTree(readSized(body, lengths + i * (lengths + offsets), offsets), heap, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Looks for `name` among a symbol table node's entries. */
  async #findInNode(node: number, heap: DataView, name: string): Promise<number | undefined> {
    const { offsets } = this.sizes;
    const head = await readBlock(this.source, this.base + node, 8);
    const count = head.getUint16(6, true);
    const entrySize = 2 * offsets + 24;
    const entries = await readBlock(this.source, this.base + node + 8, count * entrySize);
    for (let i = 0; i < count; i += 1) {
      const nameAt = readSized(entries, i * entrySize, offsets);
      if (heapString(heap, nameAt) === name) return readSized(entries, i * entrySize + offsets, offsets);
    }
    return undefined;
  }

  /** A float dataset's values, from its dataspace, datatype and layout messages. */
  async #readDataset(path: string, messages: HeaderMessage[]): Promise<Hdf5Dataset> {
    const get = (type: number) => messages.find((m) => m.type === type)?.body;
    const [space, type, layout] = [get(MESSAGE.dataspace), get(MESSAGE.datatype), get(MESSAGE.layout)];
    if (space === undefined || type === undefined || layout === undefined)
      throw hdf5Error(`${path} in this .h5 file is a group, not a dataset.`, 'a group');
    const filters = get(MESSAGE.filters);
    if (filters !== undefined && filters.getUint8(1) > 0)
      throw hdf5Error(
        `${path} in this .h5 file is compressed or filtered, which is not read; save it without compression.`,
        'a filtered dataset',
      );
    const shape = this.#shape(space);
    const [typeClass, size, bigEndian] = [type.getUint8(0) & 0x0f, type.getUint32(4, true), (type.getUint8(1) & 1) !== 0];
    if (typeClass !== FLOAT_CLASS || (size !== 4 && size !== 8))
      throw hdf5Error(`${path} in this .h5 file is not float32 or float64 (class ${typeClass}, ${size} bytes).`, 'not floats');
    const count = shape.reduce((n, d) => n * d, 1);
    const data = await this.#layoutData(path, layout, count * size);
    const values = Float32Array.from({ length: count }, (_, i) =>
      size === 4 ? data.getFloat32(i * 4, !bigEndian) : data.getFloat64(i * 8, !bigEndian),
    );
    return { shape, values };
  }

  #shape(space: DataView): number[] {
    const [version, rank] = [space.getUint8(0), space.getUint8(1)];
    const start = version === 1 ? 8 : 4;
    return Array.from({ length: rank }, (_, i) => readSized(space, start + i * this.sizes.lengths, this.sizes.lengths));
  }

  /** The raw bytes of a dataset stored compact or contiguous. */
  async #layoutData(path: string, layout: DataView, bytes: number): Promise<DataView> {
    const version = layout.getUint8(0);
    const layoutClass = version >= 3 ? layout.getUint8(1) : layout.getUint8(2);
    if (layoutClass === 0 && version >= 3) {
      const size = layout.getUint16(2, true);
      if (size < bytes) throw hdf5Error(`${path} in this .h5 file holds fewer values than its shape: it is corrupt.`, 'a short dataset');
      return new DataView(layout.buffer, layout.byteOffset + 4, size);
    }
    if (layoutClass !== 1)
      throw hdf5Error(
        `${path} in this .h5 file is stored in chunks, which is not read; save it contiguous (h5py's default).`,
        'a chunked dataset',
      );
    const address = readSized(layout, version >= 3 ? 2 : 8, this.sizes.offsets);
    return readBlock(this.source, this.base + address, bytes);
  }
}

/** The null-terminated string at `at` in a local heap's data. */
function heapString(heap: DataView, at: number): string {
  let end = at;
  while (end < heap.byteLength && heap.getUint8(end) !== 0) end += 1;
  return new TextDecoder().decode(new Uint8Array(heap.buffer, heap.byteOffset + at, end - at));
}
