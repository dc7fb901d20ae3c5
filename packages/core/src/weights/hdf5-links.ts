/**
 * An HDF5 group's links where HDF5 1.8+ keeps them: link messages in the group's header (compact),
 * or, past 8 links, in a fractal heap (dense; what h5wasm and `libver='latest'` write). The heap's
 * direct blocks are walked object by object, so the name index (a v2 B-tree) is not needed.
 * Ref: "HDF5 File Format Specification Version 3.0", IV.A.2.g (link message), III.G (fractal heap).
 */
import type { ByteSource } from './byte-source.js';
import { hdf5Error, type Hdf5Sizes, readBlock, readSized } from './hdf5-object-header.js';

/** A link message at `at` in `view`: its name, its target if it is a hard link, and where it ends. */
export function parseLink(view: DataView, at: number, sizes: Hdf5Sizes): { name: string; address: number | undefined; end: number } {
  const flags = view.getUint8(at + 1);
  let p = at + 2;
  const type = (flags & 0x08) !== 0 ? view.getUint8(p++) : 0;
  if ((flags & 0x04) !== 0) p += 8;
  if ((flags & 0x10) !== 0) p += 1;
  const lengthBytes = 1 << (flags & 0x03);
  const length = readSized(view, p, lengthBytes);
  p += lengthBytes;
  if (p + length > view.byteLength) throw new RangeError('a link past its block');
  const name = new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset + p, length));
  p += length;
  if (type === 0) return { name, address: readSized(view, p, sizes.offsets), end: p + sizes.offsets };
  return { name, address: undefined, end: p + 2 + view.getUint16(p, true) };
}

/** The fractal heap's geometry, from its header ('FRHP'). */
async function heapHeader(source: ByteSource, address: number, sizes: Hdf5Sizes) {
  const { offsets: O, lengths: L } = sizes;
  const view = await readBlock(source, address, 14 + 12 * L + 4 * O + 16);
  if (view.getUint32(0, true) !== 0x50485246)
    throw hdf5Error('A group of this .h5 file points to a fractal heap that is not there: it is corrupt.', 'a bad heap'); // 'FRHP'
  if (view.getUint16(7, true) !== 0)
    throw hdf5Error('A group of this .h5 file keeps its links in a filtered heap, which is not read.', 'a filtered heap');
  const table = 14 + 10 * L + 2 * O;
  return {
    checksummed: (view.getUint8(9) & 0x02) !== 0,
    width: view.getUint16(table, true),
    startSize: readSized(view, table + 2, L),
    maxDirect: readSized(view, table + 2 + L, L),
    offsetBytes: Math.ceil(view.getUint16(table + 2 + 2 * L, true) / 8),
    root: readSized(view, table + 6 + 2 * L, O),
    rows: view.getUint16(table + 6 + 2 * L + O, true),
  };
}

/** Every hard link in the dense group whose fractal heap is at `heap`, by name. */
export async function denseLinks(source: ByteSource, base: number, heap: number, sizes: Hdf5Sizes): Promise<Map<string, number>> {
  const header = await heapHeader(source, base + heap, sizes);
  const blockSize = (row: number) => (row < 2 ? header.startSize : header.startSize * 2 ** (row - 1));
  const blocks: [number, number][] = [];
  if (header.rows === 0) blocks.push([header.root, header.startSize]);
  else {
    const directRows = Math.min(header.rows, Math.log2(header.maxDirect) - Math.log2(header.startSize) + 2);
    const prefix = 5 + sizes.offsets + header.offsetBytes;
    const view = await readBlock(source, base + header.root, prefix + directRows * header.width * sizes.offsets);
    for (let i = 0; i < directRows * header.width; i += 1) {
      const address = readSized(view, prefix + i * sizes.offsets, sizes.offsets);
      if (address !== 2 ** (8 * sizes.offsets) - 1 && address !== 0) blocks.push([address, blockSize(Math.floor(i / header.width))]);
    }
  }
  const links = new Map<string, number>();
  for (const [address, size] of blocks) {
    const view = await readBlock(source, base + address, Math.min(size, source.size - base - address));
    // Objects follow the block's header one after another; the first byte that is no link message's version ends them.
    for (let at = 5 + sizes.offsets + header.offsetBytes + (header.checksummed ? 4 : 0); at < view.byteLength && view.getUint8(at) === 1;) {
      const link = parseLink(view, at, sizes);
      if (link.address !== undefined) links.set(link.name, link.address);
      at = link.end;
    }
  }
  return links;
}
