/**
 * A reader of Python pickles (protocols 2–5) that builds values and never runs anything: classes
 * and functions stay names ({@link PickleGlobal}), and calling one gives a {@link PickleCall} that
 * the caller interprets (PyTorch's tensors, `OrderedDict`). Persistent ids (PyTorch's storages) go
 * to `persistentLoad`. Ref: CPython, Lib/pickletools.py (the opcodes and their arguments).
 */
import { WeightFileError } from '../errors.js';

/** A class or function named by a pickle (`GLOBAL`, `STACK_GLOBAL`). */
export interface PickleGlobal {
  readonly kind: 'global';
  readonly module: string;
  readonly name: string;
}

/** A global called with arguments (`REDUCE`, `NEWOBJ`), and the state `BUILD` gave it. */
export interface PickleCall {
  readonly kind: 'call';
  readonly callee: PickleValue;
  readonly args: readonly PickleValue[];
  state?: PickleValue;
}

/** What a pickle holds, as read: dicts as Maps (keys as JS values), tuples and lists as arrays. */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | Map<PickleValue, PickleValue>
  | PickleGlobal
  | PickleCall
  | { readonly kind: 'persistent'; readonly value: unknown };

const MARK = Symbol('mark');
type Slot = PickleValue | typeof MARK;

const pickleError = (message: string) =>
  new WeightFileError(`The checkpoint's pickle ${message}: the file is corrupt or not a PyTorch checkpoint.`, 'pytorch', 'a bad pickle');

/** Reads pickles; `persistentLoad` turns a persistent id into a value (PyTorch: a storage's description). */
class Unpickler {
  #at = 0;
  #stack: Slot[] = [];
  #memo = new Map<number, PickleValue>();
  readonly #view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly persistentLoad: (id: PickleValue) => unknown,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get position(): number {
    return this.#at;
  }

  #take(n: number): Uint8Array {
    if (this.#at + n > this.bytes.length) throw pickleError(`ends early, at byte ${this.bytes.length}`);
    const out = this.bytes.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
  #u8 = () => this.#take(1)[0] ?? 0;
  #u16 = () => this.#view.getUint16(this.#take(2).byteOffset - this.bytes.byteOffset, true);
  #u32 = () => this.#view.getUint32(this.#take(4).byteOffset - this.bytes.byteOffset, true);
  #i32 = () => this.#view.getInt32(this.#take(4).byteOffset - this.bytes.byteOffset, true);
  #u64 = () => Number(this.#view.getBigUint64(this.#take(8).byteOffset - this.bytes.byteOffset, true));
  #text = (n: number) => new TextDecoder().decode(this.#take(n));
  #line = () => {
    const end = this.bytes.indexOf(0x0a, this.#at);
    if (end < 0) throw pickleError('has a name without its line end');
    return this.#text(end - this.#at + 1).slice(0, -1);
  };

  #pop(): PickleValue {
    const value = this.#stack.pop();
    if (value === undefined || value === MARK) throw pickleError('pops an empty stack');
    return value;
  }
  #popMark(): PickleValue[] {
    const mark = this.#stack.lastIndexOf(MARK);
    if (mark < 0) throw pickleError('has no mark where one is needed');
    const items = this.#stack.splice(mark) as PickleValue[];
    return items.slice(1);
  }
  #top(): PickleValue {
    const value = this.#stack[this.#stack.length - 1];
    if (value === undefined || value === MARK) throw pickleError('has an empty stack');
    return value;
  }

  /** Runs opcodes to STOP; returns the value left on the stack. */
  load(): PickleValue {
    for (;;) {
      const op = this.#u8();
      if (op === 0x2e) return this.#pop(); // STOP '.'
      this.#step(op);
    }
  }

  #step(op: number): void {
    if (this.#constant(op) || this.#container(op)) return;
    const push = (v: PickleValue) => this.#stack.push(v);
    const memoKey = (key: number) => {
      const value = this.#memo.get(key);
      if (value === undefined) throw pickleError(`refers to memo ${key}, which is not there`);
      return value;
    };
    switch (op) {
      case 0x80:
        this.#u8();
        break; // PROTO
      case 0x95:
        this.#u64();
        break; // FRAME
      case 0x28:
        this.#stack.push(MARK);
        break; // MARK
      case 0x30:
        this.#pop();
        break; // POP
      case 0x31:
        this.#popMark();
        break; // POP_MARK
      case 0x32:
        push(this.#top());
        break; // DUP
      case 0x71:
        this.#memo.set(this.#u8(), this.#top());
        break; // BINPUT
      case 0x72:
        this.#memo.set(this.#u32(), this.#top());
        break; // LONG_BINPUT
      case 0x94:
        this.#memo.set(this.#memo.size, this.#top());
        break; // MEMOIZE
      case 0x68:
        push(memoKey(this.#u8()));
        break; // BINGET
      case 0x6a:
        push(memoKey(this.#u32()));
        break; // LONG_BINGET
      case 0x63:
        push({ kind: 'global', module: this.#line(), name: this.#line() });
        break; // GLOBAL
      case 0x93: {
        const name = this.#pop();
        push({ kind: 'global', module: String(this.#pop()), name: String(name) });
        break;
      } // STACK_GLOBAL
      case 0x52:
      case 0x81: {
        const args = this.#pop();
        const callee = this.#pop();
        // An OrderedDict is a dict here: its items come next, by SETITEMS.
        push(
          isGlobal(callee, 'collections', 'OrderedDict') ? new Map() : { kind: 'call', callee, args: Array.isArray(args) ? args : [args] },
        );
        break;
      } // REDUCE, NEWOBJ
      case 0x62: {
        const state = this.#pop();
        const target = this.#top();
        if (isCall(target)) target.state = state;
        break;
      } // BUILD
      case 0x51:
        push({ kind: 'persistent', value: this.persistentLoad(this.#pop()) });
        break; // BINPERSID
      default:
        throw pickleError(`has opcode 0x${op.toString(16)}, which a PyTorch checkpoint does not use`);
    }
  }

  /** Opcodes that push one constant; false for any other. */
  #constant(op: number): boolean {
    const push = (v: PickleValue) => (this.#stack.push(v), true);
    switch (op) {
      case 0x4e:
        return push(null); // NONE
      case 0x88:
        return push(true); // NEWTRUE
      case 0x89:
        return push(false); // NEWFALSE
      case 0x4b:
        return push(this.#u8()); // BININT1
      case 0x4d:
        return push(this.#u16()); // BININT2
      case 0x4a:
        return push(this.#i32()); // BININT
      case 0x8a:
        return push(littleSigned(this.#take(this.#u8()))); // LONG1
      case 0x8b:
        return push(littleSigned(this.#take(this.#u32()))); // LONG4
      case 0x47:
        return push(this.#view.getFloat64(this.#take(8).byteOffset - this.bytes.byteOffset, false)); // BINFLOAT
      case 0x8c:
        return push(this.#text(this.#u8())); // SHORT_BINUNICODE
      case 0x58:
        return push(this.#text(this.#u32())); // BINUNICODE
      case 0x8d:
        return push(this.#text(this.#u64())); // BINUNICODE8
      case 0x55:
        return push(this.#text(this.#u8())); // SHORT_BINSTRING
      case 0x54:
        return push(this.#text(this.#u32())); // BINSTRING
      case 0x43:
        return push(this.#take(this.#u8()).slice()); // SHORT_BINBYTES
      case 0x42:
        return push(this.#take(this.#u32()).slice()); // BINBYTES
      default:
        return false;
    }
  }

  /** Opcodes that build or fill tuples, lists and dicts; false for any other. */
  #container(op: number): boolean {
    const push = (v: PickleValue) => (this.#stack.push(v), true);
    const fill = (items: PickleValue[]) => {
      const target = this.#top();
      if (target instanceof Map) for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i]!, items[i + 1]!);
      else if (Array.isArray(target)) target.push(...items);
      else throw pickleError('adds items to something that is not a dict or list');
      return true;
    };
    switch (op) {
      case 0x29:
        return push([]); // EMPTY_TUPLE
      case 0x5d:
        return push([]); // EMPTY_LIST
      case 0x7d:
        return push(new Map()); // EMPTY_DICT
      case 0x74:
        return push(this.#popMark()); // TUPLE
      case 0x85:
        return push([this.#pop()]); // TUPLE1
      case 0x86: {
        const b = this.#pop();
        return push([this.#pop(), b]);
      } // TUPLE2
      case 0x87: {
        const c = this.#pop();
        const b = this.#pop();
        return push([this.#pop(), b, c]);
      } // TUPLE3
      case 0x73: {
        const value = this.#pop();
        const key = this.#pop();
        return fill([key, value]);
      } // SETITEM
      case 0x75:
        return fill(this.#popMark()); // SETITEMS
      case 0x61:
        return fill([this.#pop()]); // APPEND
      case 0x65:
        return fill(this.#popMark()); // APPENDS
      default:
        return false;
    }
  }
}

/** A little-endian two's-complement integer (LONG1/LONG4), as a number when it fits exactly. */
function littleSigned(bytes: Uint8Array): number | bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  if (bytes.length > 0 && ((bytes[bytes.length - 1] ?? 0) & 0x80) !== 0) value -= 1n << BigInt(8 * bytes.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Whether `value` is a {@link PickleCall}. */
export const isCall = (value: unknown): value is PickleCall =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'call';

/** Whether `value` is the global `module.name`. */
export const isGlobal = (value: unknown, module: string, name: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as PickleGlobal).kind === 'global' &&
  (value as PickleGlobal).module === module &&
  (value as PickleGlobal).name === name;

/** The pickles in `bytes` one after another from `offset` (a legacy checkpoint has several); returns each value and where the next starts. */
export function unpickle(bytes: Uint8Array, persistentLoad: (id: PickleValue) => unknown, offset = 0): { value: PickleValue; end: number } {
  const reader = new Unpickler(bytes.subarray(offset), persistentLoad);
  const value = reader.load();
  return { value, end: offset + reader.position };
}
