/**
 * Random access to a file's bytes, so that a reader takes only the parts it needs of a weights file
 * of hundreds of megabytes: a Node file handle in the CLI, a `Blob` (a fetched or picked file) in a
 * browser or webview, or bytes already in memory.
 */

/** Bytes that can be read at any offset. */
export interface ByteSource {
  /** Length in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer only at the end). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A {@link ByteSource} over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}

/** A {@link ByteSource} over a `Blob` (a `File`, or a fetched response's blob), read slice by slice. */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, Math.min(blob.size, offset + length)).arrayBuffer()),
  };
}
