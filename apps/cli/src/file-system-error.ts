import { CliError } from './cli-error.js';

/** A file that could not be read or written, for a reason of the file system's: exit code 1, one line. */
export class FileSystemError extends CliError {
  constructor(
    message: string,
    /** The error code Node gave (EACCES, ENOSPC, …). */
    readonly code: string,
  ) {
    super(message, 1);
  }
}

/** What Node's file functions throw: an Error with an `E…` code. */
export type ErrnoError = Error & { readonly code: string; readonly path?: string };

/** Whether `error` is an error of the file system (an `E…` code), as Node's `fs` throws them. */
export function isErrnoError(error: unknown): error is ErrnoError {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code);
}

/** Each code's cause in words, and what to do about it when reading and when writing. */
const CAUSES: Readonly<Record<string, readonly [cause: string, read: string, write: string]>> = {
  EACCES: ['permission denied', 'Make it readable, or copy it somewhere you can read.', 'Choose a folder you can write to.'],
  EPERM: ['operation not permitted', 'Make it readable, or copy it somewhere you can read.', 'Choose a folder you can write to.'],
  EISDIR: ['it is a folder', 'Give an image file.', 'Give a file name, or end -o in / to write into the folder.'],
  ENOTDIR: ['a part of its path is a file, not a folder', 'Check the path.', 'Check the path; a folder cannot be made inside a file.'],
  EEXIST: ['a file is in the way of a folder on its path', 'Check the path.', 'Check the path; a folder cannot be made inside a file.'],
  ENOENT: ['no such file or folder', 'Check the path.', 'Check the path.'],
  ENOSPC: ['the disk is full', 'Free some space.', 'Free some space and run again.'],
  EDQUOT: ['the disk quota is used up', 'Free some space.', 'Free some space and run again.'],
  EROFS: ['the file system is read-only', 'Copy it somewhere else.', 'Choose a folder on a writable disk.'],
  ENAMETOOLONG: ['the name is too long', 'Use a shorter path.', 'Use a shorter path.'],
  ELOOP: ['its path has a loop of symbolic links', 'Check the links on its path.', 'Check the links on its path.'],
  EMFILE: ['too many files are open', 'Try fewer files at once.', 'Try fewer files at once.'],
  ENFILE: ['too many files are open', 'Try fewer files at once.', 'Try fewer files at once.'],
  EIO: ['the device reported an input/output error', 'Check the disk.', 'Check the disk.'],
};

/**
 * A {@link FileSystemError} that names `path`, what was being done to it and the cause in words
 * (`cannot write out.png: the disk is full (ENOSPC); nothing was written there. Free some space and
 * run again.`), or `error` itself when it is not a file system error. `use`: either, unknown which.
 */
export function fileSystemError(path: string, error: unknown, doing: 'read' | 'write' | 'use'): unknown {
  if (!isErrnoError(error)) return error;
  const [cause, read, write] = CAUSES[error.code] ?? [error.message, '', ''];
  const advice = doing === 'read' ? read : doing === 'write' ? write : '';
  const unwritten = doing === 'write' ? '; nothing was written there' : '';
  return new FileSystemError(`cannot ${doing} ${path}: ${cause} (${error.code})${unwritten}.${advice ? ` ${advice}` : ''}`, error.code);
}
