import { open } from 'node:fs/promises';
import type { ByteSource } from '@nst/core';
import { fileSystemError } from './file-system-error.js';

/**
 * Runs `use` on the file at `path` as a {@link ByteSource}: read where a reader asks, never whole,
 * so that a 550 MB weights file is not held in memory. File system errors are named for `path`.
 */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw fileSystemError(path, error, 'read');
  });
  try {
    const { size } = await handle.stat();
    const source: ByteSource = {
      size,
      read: async (offset, length) => {
        const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        let filled = 0;
        while (filled < buffer.length) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled).catch((error: unknown) => {
            throw fileSystemError(path, error, 'read');
          });
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return filled === buffer.length ? buffer : buffer.subarray(0, filled);
      },
    };
    return await use(source);
  } finally {
    await handle.close();
  }
}
