import * as vscode from 'vscode';
import { messageOf } from '@nst/core/errors';
import { MAX_IMAGE_BYTES, baseName } from './image-files.js';
import type { ImageFile } from './protocol.js';

/** An image file that could not be read; the message names it and says why. */
export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';
}

/**
 * Reads an image file through `workspace.fs` (the bytes may be a Node `Buffer`: the protocol's
 * encoder makes them plain); throws an {@link ImageReadError} that names the file and says why.
 */
export async function readImage(uri: vscode.Uri): Promise<ImageFile> {
  const name = baseName(uri);
  let bytes: Uint8Array;
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_IMAGE_BYTES)
      throw new ImageReadError(`${name} is ${(size / 1e6).toFixed(0)} MB; images up to ${MAX_IMAGE_BYTES / 2 ** 20} MB can be previewed.`);
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof ImageReadError) throw error;
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      throw new ImageReadError(
        `${name} is no longer there (${uri.fsPath}): it was deleted, moved or renamed. Close this preview and open the image where it is now.`,
      );
    }
    throw new ImageReadError(`${name} could not be read: ${messageOf(error)}`);
  }
  if (bytes.length === 0) throw new ImageReadError(`${name} is empty (0 bytes).`);
  return { name, bytes };
}
