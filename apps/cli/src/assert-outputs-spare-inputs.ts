import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputIsInputError } from './cli-error.js';

/** A file a command reads, and what it is to the user ("the photo", "the painting", "the model file"). */
export interface NamedInput {
  readonly path: string;
  readonly role: string;
}

/** Where a path leads: its real path (symlinks resolved) and, when it exists, its device and inode. */
interface Identity {
  readonly real: string;
  readonly inode?: string;
}

/** `path`'s identity; for a file not there yet, its folder's real path and its name. */
async function identity(path: string): Promise<Identity> {
  const info = await stat(path).catch(() => undefined);
  if (info !== undefined) return { real: await realpath(path), inode: `${info.dev}:${info.ino}` };
  const folder = await realpath(dirname(path)).catch(() => resolve(dirname(path)));
  return { real: join(folder, basename(path)) };
}

const same = (a: Identity, b: Identity) => a.real === b.real || (a.inode !== undefined && a.inode === b.inode);

/** The files of a `--network` model directory (or the weights file itself), which an output must not replace either. */
export async function modelFiles(dir: string): Promise<NamedInput[]> {
  if ((await stat(dir).catch(() => undefined))?.isFile() === true) return [{ path: dir, role: 'the --network file' }];
  const names = await readdir(dir).catch(() => []);
  return names.map((name) => ({ path: join(dir, name), role: 'a file of the model' }));
}

/**
 * Throws an {@link OutputIsInputError} (exit code 2) when one of `outputs` is one of `inputs`: the
 * same path once symlinks are resolved, or the same file under another name (a hard link, a
 * case-insensitive file system). Run before any work, so that a result never replaces its photo.
 */
export async function assertOutputsSpareInputs(outputs: readonly string[], inputs: readonly NamedInput[]): Promise<void> {
  const known = await Promise.all(inputs.map(async (input) => ({ ...input, id: await identity(input.path) })));
  for (const output of outputs) {
    const id = await identity(output);
    const input = known.find((k) => same(k.id, id));
    if (input !== undefined) {
      const alias = input.path === output ? '' : ` (${input.path})`;
      throw new OutputIsInputError(
        `the output ${output} is ${input.role}${alias}: writing the result there would replace it. Give -o another file or folder.`,
      );
    }
  }
}
