/**
 * zlib's inflate as a stream, through the web's `DecompressionStream` (in browsers and in Node ≥ 18),
 * so that core needs neither `node:zlib` nor a dependency: compressed MAT elements are zlib streams,
 * deflated zip entries raw deflate (RFC 1950 / RFC 1951).
 */
import { ByteReader, iteratorChunks, READ_CHUNK } from './byte-reader.js';

/**
 * A reader of the inflated bytes of the `length` compressed bytes that `input` reads next.
 * `ended` makes the error for inflated data that ends early; corrupt data rejects a read with the
 * stream's own error, which callers name.
 */
export function inflatingReader(
  input: ByteReader,
  length: number,
  format: 'deflate' | 'deflate-raw',
  ended: (position: number) => Error,
): ByteReader {
  const stream = new DecompressionStream(format);
  const writer = stream.writable.getWriter();
  const feed = async () => {
    for (let left = length; left > 0;) {
      const take = Math.min(left, READ_CHUNK);
      // Copied: the reader's view is reused, and the stream holds what it is given until it is read.
      await writer.write((await input.bytes(take)).slice());
      left -= take;
    }
    await writer.close();
  };
  const fed = feed().catch(async (error: unknown) => {
    await writer.abort(error).catch(() => undefined);
  });
  const output = stream.readable.getReader();
  const chunks = iteratorChunks({
    next: async () => {
      const step = await output.read();
      if (step.done) await fed;
      return step.done ? { done: true, value: undefined } : { done: false, value: step.value };
    },
  });
  return new ByteReader(chunks, ended);
}
