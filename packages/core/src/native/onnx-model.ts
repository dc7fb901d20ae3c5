/**
 * ONNX models written from code: the native engine builds its value-and-gradient graphs from the
 * network at run time, so it needs a writer, not a file. ONNX models are protocol buffers; the few
 * messages a graph of plain operators needs (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto) are encoded here by hand, field numbers from onnx/onnx.proto, rather
 * than through a protobuf library and ONNX's 1 MB schema.
 * Ref: https://github.com/onnx/onnx/blob/main/onnx/onnx.proto (IR version 8, opset 17).
 */

/** A protobuf message under construction: fields appended in any order, bytes at the end. */
class Message {
  readonly #chunks: Uint8Array[] = [];

  #varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      bytes.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
    this.#chunks.push(Uint8Array.from(bytes));
  }

  #key(field: number, wireType: 0 | 2 | 5): void {
    this.#varint((field << 3) | wireType);
  }

  int(field: number, value: number): this {
    this.#key(field, 0);
    this.#varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.#key(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.#chunks.push(bytes);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.#key(field, 2);
    this.#varint(value.length);
    this.#chunks.push(value);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: Message): this {
    return this.bytes(field, value.finish());
  }

  /** A packed repeated int64 field. */
  ints(field: number, values: readonly number[]): this {
    const packed = new Message();
    for (const v of values) packed.#varint(v);
    return this.bytes(field, packed.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

/** ONNX's TensorProto.DataType codes for the element types the engine uses. */
const DATA_TYPE = { float32: 1, int64: 7 } as const;

/** An attribute value: an int, a float, a list of ints, or a string. */
export type AttributeValue = number | { readonly float: number } | readonly number[] | string;

function attribute(name: string, value: AttributeValue): Message {
  const m = new Message().string(1, name);
  if (typeof value === 'string') return m.string(4, value).int(20, 3);
  if (typeof value === 'number') return m.int(3, value).int(20, 2);
  if (Array.isArray(value)) return m.ints(8, value as readonly number[]).int(20, 7);
  return m.float(2, (value as { float: number }).float).int(20, 1);
}

function tensor(name: string, dims: readonly number[], data: Float32Array | BigInt64Array): Message {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Message()
    .ints(1, dims)
    .int(2, data instanceof Float32Array ? DATA_TYPE.float32 : DATA_TYPE.int64)
    .string(8, name)
    .bytes(9, raw);
}

function valueInfo(name: string, dims: readonly number[] | undefined): Message {
  const shape = new Message();
  for (const d of dims ?? []) shape.message(1, new Message().int(1, d));
  const tensorType = new Message().int(1, DATA_TYPE.float32);
  if (dims !== undefined) tensorType.message(2, shape);
  return new Message().string(1, name).message(2, new Message().message(1, tensorType));
}

/** The opset the engine's graphs are written against (ScatterElements' `reduction` needs 16). */
export const ONNX_OPSET = 17;

/**
 * An ONNX graph built node by node. Every value is named by a string; {@link OnnxGraph.op} returns
 * the name of its (first) output, so graphs read as nested calls.
 */
export class OnnxGraph {
  readonly #nodes: Message[] = [];
  readonly #initializers: Message[] = [];
  readonly #inputs: Message[] = [];
  readonly #outputs: Message[] = [];
  #count = 0;

  #name(prefix: string): string {
    return `${prefix}_${++this.#count}`;
  }

  /** A float32 input of the graph, of the given shape (rank 0 for a scalar). */
  input(name: string, dims: readonly number[]): string {
    this.#inputs.push(valueInfo(name, dims));
    return name;
  }

  /** Marks `value` as a float32 output named `name` (through an Identity when the names differ). */
  output(name: string, value: string): void {
    if (value !== name) this.op('Identity', [value], {}, [name]);
    this.#outputs.push(valueInfo(name, undefined));
  }

  /** A float32 constant. */
  floats(data: Float32Array | readonly number[], dims: readonly number[]): string {
    const name = this.#name('c');
    this.#initializers.push(tensor(name, dims, data instanceof Float32Array ? data : Float32Array.from(data)));
    return name;
  }

  /** An int64 constant (shapes, axes, pads, slice bounds). */
  ints(data: readonly number[], dims: readonly number[] = [data.length]): string {
    const name = this.#name('i');
    this.#initializers.push(
      tensor(
        name,
        dims,
        BigInt64Array.from(data, (v) => BigInt(v)),
      ),
    );
    return name;
  }

  /** Appends a node; returns the name of its first output. `outputs` names them, or they are named here. */
  op(
    type: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    outputs?: readonly string[],
  ): string {
    const names = outputs ?? [this.#name(type)];
    const node = new Message();
    for (const i of inputs) node.string(1, i);
    for (const o of names) node.string(2, o);
    node.string(4, type);
    for (const [key, value] of Object.entries(attributes)) node.message(5, attribute(key, value));
    this.#nodes.push(node);
    return names[0]!;
  }

  /** An op with several outputs, all named here. */
  ops(type: string, inputs: readonly string[], outputs: number, attributes: Readonly<Record<string, AttributeValue>> = {}): string[] {
    const names = Array.from({ length: outputs }, () => this.#name(type));
    this.op(type, inputs, attributes, names);
    return names;
  }

  /** The serialised ModelProto. */
  toModel(name = 'nst'): Uint8Array {
    const graph = new Message();
    for (const n of this.#nodes) graph.message(1, n);
    graph.string(2, name);
    for (const t of this.#initializers) graph.message(5, t);
    for (const i of this.#inputs) graph.message(11, i);
    for (const o of this.#outputs) graph.message(12, o);
    return new Message().int(1, 8).string(2, 'nst').message(7, graph).message(8, new Message().string(1, '').int(2, ONNX_OPSET)).finish();
  }
}
