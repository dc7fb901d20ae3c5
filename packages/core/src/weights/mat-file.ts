/**
 * MATLAB's MAT-file, level 5 (what MATLAB's `save -v6`/`-v7` and scipy's `savemat` write), read front
 * to back: numeric, char, cell and struct arrays, with compressed (zlib) elements inflated as they
 * are read. Numeric arrays the caller does not `keep` are passed over, so a 550 MB file of which a
 * reader needs 80 MB is never held whole. Ref: MathWorks, "MAT-File Format" (matfile_format.pdf),
 * chapter 1, "Level 5 MAT-File Format".
 */
import { WeightFileError } from '../errors.js';
import { ByteReader, sourceChunks } from './byte-reader.js';
import type { ByteSource } from './byte-source.js';
import { inflatingReader } from './inflate.js';

/** A MATLAB array as read: dimensions are MATLAB's (column-major), numeric data in that order. */
export type MatValue =
  | { readonly kind: 'numeric'; readonly dims: readonly number[]; readonly data: Float32Array | undefined }
  | { readonly kind: 'char'; readonly dims: readonly number[]; readonly text: string }
  | { readonly kind: 'cell'; readonly dims: readonly number[]; readonly items: readonly MatValue[] }
  | { readonly kind: 'struct'; readonly dims: readonly number[]; readonly items: readonly Readonly<Record<string, MatValue>>[] }
  | { readonly kind: 'other'; readonly dims: readonly number[]; readonly classId: number };

/** Which numeric arrays to read, by their dimensions; the rest are skipped (`data` undefined). */
export type KeepArray = (dims: readonly number[]) => boolean;

// Data types (miINT8 …) and array classes (mxCELL_CLASS …) of the format's tables 1-1 and 1-3.
const MI = {
  INT8: 1,
  UINT8: 2,
  INT16: 3,
  UINT16: 4,
  INT32: 5,
  UINT32: 6,
  SINGLE: 7,
  DOUBLE: 9,
  INT64: 12,
  UINT64: 13,
  MATRIX: 14,
  COMPRESSED: 15,
  UTF8: 16,
  UTF16: 17,
  UTF32: 18,
};
const MX = { CELL: 1, STRUCT: 2, CHAR: 4, FIRST_NUMERIC: 6, LAST_NUMERIC: 15 };
const HEADER_BYTES = 128;

const matError = (message: string, found: string) => new WeightFileError(message, 'matconvnet', found);
const ended = (position: number) =>
  matError(`The .mat file ends early, inside the element at byte ${position}: it is truncated (copy it again).`, 'a truncated file');

/** A data element's tag: its type and byte count, and whether it was a small (4-byte) element. */
interface Tag {
  readonly type: number;
  readonly bytes: number;
  readonly small: Uint8Array | undefined;
}

class MatReader {
  constructor(
    readonly input: ByteReader,
    readonly little: boolean,
    readonly keep: KeepArray,
  ) {}

  async tag(): Promise<Tag> {
    const head = await this.input.bytes(8);
    const view = new DataView(head.buffer, head.byteOffset, 8);
    const first = view.getUint32(0, this.little);
    if (first >>> 16 !== 0) return { type: first & 0xffff, bytes: first >>> 16, small: head.slice(4, 4 + (first >>> 16)) };
    return { type: first, bytes: view.getUint32(4, this.little), small: undefined };
  }

  /** A data element's bytes, padding to 8 bytes consumed. */
  async payload(tag: Tag): Promise<Uint8Array> {
    if (tag.small !== undefined) return tag.small;
    const bytes = (await this.input.bytes(tag.bytes)).slice();
    await this.input.skip((8 - (tag.bytes % 8)) % 8);
    return bytes;
  }

  async skipPayload(tag: Tag): Promise<void> {
    if (tag.small === undefined) await this.input.skip(tag.bytes + ((8 - (tag.bytes % 8)) % 8));
  }

  /** A numeric data element as numbers (any stored type: MATLAB may store doubles as uint8). */
  async numbers(tag: Tag): Promise<Float32Array> {
    const bytes = await this.payload(tag);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const readers: Record<number, [number, (at: number) => number]> = {
      [MI.INT8]: [1, (at) => view.getInt8(at)],
      [MI.UINT8]: [1, (at) => view.getUint8(at)],
      [MI.INT16]: [2, (at) => view.getInt16(at, this.little)],
      [MI.UINT16]: [2, (at) => view.getUint16(at, this.little)],
      [MI.INT32]: [4, (at) => view.getInt32(at, this.little)],
      [MI.UINT32]: [4, (at) => view.getUint32(at, this.little)],
      [MI.SINGLE]: [4, (at) => view.getFloat32(at, this.little)],
      [MI.DOUBLE]: [8, (at) => view.getFloat64(at, this.little)],
      [MI.INT64]: [8, (at) => Number(view.getBigInt64(at, this.little))],
      [MI.UINT64]: [8, (at) => Number(view.getBigUint64(at, this.little))],
    };
    const reader = readers[tag.type];
    if (reader === undefined)
      throw matError(`The .mat file has numbers of unknown data type ${tag.type}: it is corrupt.`, `data type ${tag.type}`);
    const [size, read] = reader;
    return Float32Array.from({ length: Math.floor(bytes.length / size) }, (_, i) => read(i * size));
  }

  async text(tag: Tag): Promise<string> {
    if (tag.type === MI.UTF8 || tag.type === MI.UINT8 || tag.type === MI.INT8) return new TextDecoder().decode(await this.payload(tag));
    const codes = await this.numbers(tag);
    return tag.type === MI.UTF32 ? String.fromCodePoint(...codes) : String.fromCharCode(...codes);
  }

  /** An miMATRIX element's contents, `bytes` long; returns the array's name and value. */
  async matrix(bytes: number): Promise<{ name: string; value: MatValue }> {
    const end = this.input.position + bytes;
    if (bytes === 0) return { name: '', value: { kind: 'numeric', dims: [0, 0], data: new Float32Array(0) } };
    const flags = await this.numbers(await this.tag());
    const classId = (flags[0] ?? 0) & 0xff;
    const dims = Array.from(await this.numbers(await this.tag()));
    const name = await this.text(await this.tag());
    const value = await this.contents(classId, dims);
    await this.input.skip(end - this.input.position);
    return { name, value };
  }

  async contents(classId: number, dims: number[]): Promise<MatValue> {
    const count = dims.reduce((n, d) => n * d, 1);
    if (classId >= MX.FIRST_NUMERIC && classId <= MX.LAST_NUMERIC) {
      const tag = await this.tag();
      if (!this.keep(dims)) {
        await this.skipPayload(tag);
        return { kind: 'numeric', dims, data: undefined };
      }
      return { kind: 'numeric', dims, data: await this.numbers(tag) };
    }
    if (classId === MX.CHAR) return { kind: 'char', dims, text: await this.text(await this.tag()) };
    if (classId === MX.CELL) {
      const items: MatValue[] = [];
      for (let i = 0; i < count; i += 1) items.push(await this.element());
      return { kind: 'cell', dims, items };
    }
    if (classId === MX.STRUCT) return this.struct(dims, count);
    return { kind: 'other', dims, classId };
  }

  async struct(dims: number[], count: number): Promise<MatValue> {
    const nameLength = (await this.numbers(await this.tag()))[0] ?? 0;
    const names = await this.payload(await this.tag());
    const fields: string[] = [];
    for (let at = 0; nameLength > 0 && at + nameLength <= names.length; at += nameLength) {
      const raw = names.subarray(at, at + nameLength);
      const zero = raw.indexOf(0);
      fields.push(new TextDecoder().decode(zero < 0 ? raw : raw.subarray(0, zero)));
    }
    const items: Record<string, MatValue>[] = [];
    for (let i = 0; i < count; i += 1) {
      const item: Record<string, MatValue> = {};
      for (const field of fields) item[field] = await this.element();
      items.push(item);
    }
    return { kind: 'struct', dims, items };
  }

  /** One miMATRIX element (a cell's item, a struct's field). */
  async element(): Promise<MatValue> {
    const tag = await this.tag();
    if (tag.type !== MI.MATRIX)
      throw matError(`The .mat file has an element of type ${tag.type} where an array belongs: it is corrupt.`, `type ${tag.type}`);
    return (await this.matrix(tag.bytes)).value;
  }
}

/** What a MAT file's header says: text, and the byte order its 'MI' mark gives. */
async function readHeader(source: ByteSource): Promise<boolean> {
  const header = await source.read(0, HEADER_BYTES);
  const text = new TextDecoder('latin1').decode(header.subarray(0, 116));
  if (header.length < HEADER_BYTES || !text.startsWith('MATLAB 5.0 MAT-file')) {
    const found = text.startsWith('MATLAB 7.3') ? 'a MATLAB 7.3 file (HDF5)' : 'no MATLAB 5.0 header';
    throw matError(`This is not a MATLAB level 5 .mat file (${found}). Save it again in MATLAB with \`save(file, '-v7')\`.`, found);
  }
  const mark = String.fromCharCode(header[126] ?? 0, header[127] ?? 0);
  if (mark !== 'IM' && mark !== 'MI')
    throw matError(`The .mat file's header has no byte-order mark ('${mark}'): it is corrupt.`, 'a bad header');
  return mark === 'IM';
}

/**
 * The variables of the level 5 MAT file in `source`, by name. Numeric arrays for which `keep`
 * says no are listed with `data` undefined. Throws {@link WeightFileError} for anything else.
 */
export async function readMatFile(source: ByteSource, keep: KeepArray): Promise<Map<string, MatValue>> {
  const little = await readHeader(source);
  const input = new ByteReader(sourceChunks(source, HEADER_BYTES), ended);
  const file = new MatReader(input, little, keep);
  const variables = new Map<string, MatValue>();
  while (!(await input.atEnd())) {
    const tag = await file.tag();
    if (tag.type === MI.COMPRESSED) {
      const inner = new MatReader(inflatingReader(input, tag.bytes, 'deflate', ended), little, keep);
      const innerTag = await inner.tag().catch(rethrowInflate);
      const { name, value } = await inner.matrix(innerTag.bytes).catch(rethrowInflate);
      variables.set(name, value);
      await inner.input.drain().catch(rethrowInflate);
    } else if (tag.type === MI.MATRIX) {
      const { name, value } = await file.matrix(tag.bytes);
      variables.set(name, value);
    } else {
      await file.skipPayload(tag);
    }
  }
  return variables;
}

/** A corrupt compressed element: the inflater's own error, named. */
function rethrowInflate(error: unknown): never {
  if (error instanceof WeightFileError) throw error;
  throw matError(
    `A compressed element of the .mat file cannot be inflated (${error instanceof Error ? error.message : String(error)}): the file is corrupt.`,
    'corrupt compressed data',
  );
}
