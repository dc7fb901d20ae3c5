import * as vscode from 'vscode';
import { MAX_IMAGE_BYTES, baseName } from './image-files.js';
import type { ImageFile } from './protocol.js';

/** Reads an image file through `workspace.fs`; throws an error that names the file and says why. */
export async function readImage(uri: vscode.Uri): Promise<ImageFile> {
  const name = baseName(uri);
  let bytes: Uint8Array;
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_IMAGE_BYTES) throw new Error(`it is ${(size / 1e6).toFixed(0)} MB; images up to ${MAX_IMAGE_BYTES / 2 ** 20} MB can be previewed`);
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw new Error(`${name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (bytes.length === 0) throw new Error(`${name} is empty (0 bytes).`);
  return { name, bytes };
}
