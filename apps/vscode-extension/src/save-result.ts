import * as vscode from 'vscode';
import { baseName, folderOf } from './image-files.js';
import { freeFileName, resultFileName } from './save-path.js';

const isFileNotFound = (error: unknown): boolean => error instanceof vscode.FileSystemError && error.code === 'FileNotFound';

/**
 * Writes a stylized PNG next to the content image as `<content>.<style>.png` (next to the style
 * image when the content is the bundled sample, which lives inside the extension). An existing
 * file is never replaced without asking: the user replaces it, keeps both (`… (2).png`) or
 * cancels. Returns where it wrote, or undefined if the user cancelled.
 */
export async function saveResult(
  png: Uint8Array,
  content: vscode.Uri,
  style: vscode.Uri,
  extensionUri: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const insideExtension = content.path.startsWith(`${extensionUri.path}/`);
  const folder = folderOf(insideExtension ? style : content);
  const exists = async (name: string): Promise<boolean> => {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
      return true;
    } catch (error) {
      if (isFileNotFound(error)) return false;
      throw error;
    }
  };
  let name = resultFileName(baseName(content), baseName(style));
  if (await exists(name)) {
    const choice = await vscode.window.showWarningMessage(
      `${name} already exists in ${folder.path}. Replace it?`,
      { modal: true },
      'Replace',
      'Keep both',
    );
    if (choice === undefined) return undefined;
    if (choice === 'Keep both') name = await freeFileName(name, exists);
  }
  const target = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(target, png);
  return target;
}
