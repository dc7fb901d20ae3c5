import type * as vscode from 'vscode';

/** The image types the preview opens, as `contributes` lists them. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'bmp', 'gif'] as const;

/** Whether `uri` names an image the preview opens, by its extension. */
export const isImageUri = (uri: vscode.Uri): boolean =>
  (IMAGE_EXTENSIONS as readonly string[]).includes(uri.path.slice(uri.path.lastIndexOf('.') + 1).toLowerCase());

/** The last segment of `uri`'s path. */
export const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** The folder of `uri`, as a URI. */
export const folderOf = (uri: vscode.Uri): vscode.Uri => uri.with({ path: uri.path.slice(0, uri.path.lastIndexOf('/')) || '/' });

/** Images bigger than this are refused before they are read: the preview styles at 2048 px at most. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;
