/**
 * Bytes read front to back, from a {@link ByteSource} range (skips move the offset and read
 * nothing) or from a stream of chunks such as an inflater's output (skips read and drop). Readers of
 * MAT and protobuf files walk their files this way and keep only the arrays they need.
 */
import type { ByteSource } from './byte-source.js';

/** What a {@link ByteReader} pulls from: up to `max` more bytes (undefined at the end), and optionally a skip that reads nothing. */
export interface ByteChunks {
  next(max: number): Promise<Uint8Array | undefined>;
  /** Passes over up to `count` bytes without reading them; returns how many there were. */
  skip?(count: number): number;
}

/** Chunk size a reader pulls at a time from a source: large enough for few reads, small beside a 550 MB file. */
export const READ_CHUNK = 1 << 20;

/** The bytes of `source` from `start` to `end`, as {@link ByteChunks}. */
export function sourceChunks(source: ByteSource, start = 0, end = source.size): ByteChunks {
  let offset = start;
  return {
    next: async (max) => {
      if (offset >= end) return undefined;
      const bytes = await source.read(offset, Math.min(max, end - offset));
      if (bytes.length === 0) return undefined;
      offset += bytes.length;
      return bytes;
    },
    skip: (count) => {
      const skipped = Math.min(count, end - offset);
      offset += skipped;
      return skipped;
    },
  };
}

/** An async iterator of chunks (a stream's), as {@link ByteChunks}. */
export function iteratorChunks(chunks: AsyncIterator<Uint8Array>): ByteChunks {
  return {
    next: async () => {
      const step = await chunks.next();
      return step.done === true ? undefined : step.value;
    },
  };
}

/** A front-to-back reader; `ended(position)` makes the error thrown when bytes run out. */
export class ByteReader {
  #buffer: Uint8Array = new Uint8Array(0);
  #at = 0;
  #position = 0;

  constructor(
    private readonly chunks: ByteChunks,
    private readonly ended: (position: number) => Error,
  ) {}

  /** Bytes consumed so far. */
  get position(): number {
    return this.#position;
  }

  /** Whether no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.#fill(1));
  }

  /** The next `count` bytes (a view: copy it to keep it past the next read). */
  async bytes(count: number): Promise<Uint8Array> {
    if (this.#buffer.length - this.#at >= count) {
      const view = this.#buffer.subarray(this.#at, this.#at + count);
      this.#at += count;
      this.#position += count;
      return view;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      if (!(await this.#fill(count - filled))) throw this.ended(this.#position);
      const take = Math.min(count - filled, this.#buffer.length - this.#at);
      out.set(this.#buffer.subarray(this.#at, this.#at + take), filled);
      filled += take;
      this.#at += take;
      this.#position += take;
    }
    return out;
  }

  /** Passes over `count` bytes, reading as little as the chunks allow. */
  async skip(count: number): Promise<void> {
    let left = count;
    const buffered = Math.min(left, this.#buffer.length - this.#at);
    this.#at += buffered;
    this.#position += buffered;
    left -= buffered;
    if (left > 0 && this.chunks.skip !== undefined) {
      const skipped = this.chunks.skip(left);
      this.#position += skipped;
      if (skipped < left) throw this.ended(this.#position);
      return;
    }
    while (left > 0) {
      if (!(await this.#fill(left))) throw this.ended(this.#position);
      const take = Math.min(left, this.#buffer.length - this.#at);
      this.#at += take;
      this.#position += take;
      left -= take;
    }
  }

  /** Reads to the end, dropping what is left (an inflater must be drained to consume all its input). */
  async drain(): Promise<void> {
    this.#position += this.#buffer.length - this.#at;
    this.#at = this.#buffer.length;
    while (await this.#fill(READ_CHUNK)) {
      this.#position += this.#buffer.length;
      this.#at = this.#buffer.length;
    }
  }

  /** Makes at least one byte available; false at the end. */
  async #fill(wanted: number): Promise<boolean> {
    while (this.#at >= this.#buffer.length) {
      const chunk = await this.chunks.next(Math.max(wanted, READ_CHUNK));
      if (chunk === undefined) return false;
      this.#buffer = chunk;
      this.#at = 0;
    }
    return true;
  }
}
