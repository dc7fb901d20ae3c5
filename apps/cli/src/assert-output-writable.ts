import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileSystemError } from './file-system-error.js';

/** The nearest folder on `path`'s way up that exists (the one a write would create the rest in), and what it is. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let at = path; ; at = dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info !== undefined) return { path: at, isDirectory: info.isDirectory() };
    if (dirname(at) === at) return { path: at, isDirectory: true };
  }
}

/** An errno-style error, as `fs` would throw it, for {@link fileSystemError} to word. */
const errno = (code: string, path: string) => Object.assign(new Error(`${code}: ${path}`), { code, path });

/**
 * Throws a {@link FileSystemError} unless the result could be written to `output`: it is not a
 * folder, and the folder it goes in exists and is writable, or can be made in the nearest folder
 * that exists. Run before the work, so that a run is not lost to an output that cannot be written.
 */
export async function assertOutputWritable(output: string): Promise<void> {
  const info = await stat(output).catch(() => undefined);
  if (info?.isDirectory() === true) throw fileSystemError(output, errno('EISDIR', output), 'write');
  const folder = await nearestExisting(dirname(output));
  if (!folder.isDirectory) throw fileSystemError(output, errno('ENOTDIR', output), 'write');
  try {
    await access(folder.path, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw fileSystemError(output, error, 'write');
  }
}
