/**
 * Protocol buffers' wire format, read without a schema: keys, varints, and length-delimited fields,
 * from a {@link ByteReader} (a file walked front to back, big fields skipped) or from bytes in memory
 * (a small message). Ref: protobuf.dev, "Encoding" (wire types 0 varint, 1 I64, 2 LEN, 5 I32).
 */
import type { ByteReader } from './byte-reader.js';

/** Wire types. */
export const WIRE = { varint: 0, i64: 1, len: 2, i32: 5 } as const;

/** A field's key: its number and wire type. */
export interface FieldKey {
  readonly field: number;
  readonly wire: number;
}

/** A varint read from `reader` (up to 2⁵³, which lengths and dims stay below). */
export async function readVarint(reader: ByteReader): Promise<number> {
  let [value, scale] = [0, 1];
  for (let i = 0; i < 10; i += 1) {
    const byte = (await reader.bytes(1))[0] ?? 0;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return value;
    scale *= 128;
  }
  throw new RangeError('a varint longer than 10 bytes');
}

/** Passes over a field's value of wire type `wire`. */
export async function skipField(reader: ByteReader, wire: number): Promise<void> {
  if (wire === WIRE.varint) await readVarint(reader);
  else if (wire === WIRE.i64) await reader.skip(8);
  else if (wire === WIRE.i32) await reader.skip(4);
  else if (wire === WIRE.len) await reader.skip(await readVarint(reader));
  else throw new RangeError(`wire type ${wire}`);
}

/** A message in memory, read field by field. */
export class MessageBytes {
  #at = 0;
  readonly #view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.#at >= this.bytes.length;
  }

  varint(): number {
    let [value, scale] = [0, 1];
    for (let i = 0; i < 10; i += 1) {
      if (this.#at >= this.bytes.length) throw new RangeError('a message that ends inside a varint');
      const byte = this.bytes[this.#at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new RangeError('a varint longer than 10 bytes');
  }

  key(): FieldKey {
    const key = this.varint();
    return { field: Math.floor(key / 8), wire: key % 8 };
  }

  /** A length-delimited value. */
  len(): Uint8Array {
    const length = this.varint();
    if (this.#at + length > this.bytes.length) throw new RangeError('a field longer than its message');
    const out = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return out;
  }

  float(): number {
    if (this.#at + 4 > this.bytes.length) throw new RangeError('a message that ends inside a float');
    const value = this.#view.getFloat32(this.#at, true);
    this.#at += 4;
    return value;
  }

  double(): number {
    if (this.#at + 8 > this.bytes.length) throw new RangeError('a message that ends inside a double');
    const value = this.#view.getFloat64(this.#at, true);
    this.#at += 8;
    return value;
  }

  skip(wire: number): void {
    if (wire === WIRE.varint) this.varint();
    else if (wire === WIRE.len) this.len();
    else if (wire === WIRE.i64 || wire === WIRE.i32) {
      this.#at += wire === WIRE.i64 ? 8 : 4;
      if (this.#at > this.bytes.length) throw new RangeError('a message that ends inside a fixed-size field');
    } else throw new RangeError(`wire type ${wire}`);
  }
}
