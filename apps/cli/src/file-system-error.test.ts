import assert from 'node:assert/strict';
import { chmod, copyFile, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { assertOutputWritable } from './assert-output-writable.js';
import { FileSystemError, fileSystemError } from './file-system-error.js';
import { readImage, writeImage } from './image-file.js';
import { writeNarrowVgg19H5 } from './testing-h5.js';
import { nstLines, runNst, SAMPLES, UNPRIVILEGED } from './testing-nst.js';

// File permissions do not apply to root: there, the command runs as another user.
const uid = process.getuid?.() === 0 ? UNPRIVILEGED : undefined;
const dir = await mkdtemp(join(tmpdir(), 'nst-fs-'));
await chmod(dir, 0o777);
const photo = join(dir, 'coffee.png');
const painting = join(dir, 'painting.png');
const unreadable = join(dir, 'unreadable.png');
await copyFile(`${SAMPLES}coffee.png`, photo);
await copyFile(`${SAMPLES}van-gogh-night-cafe.png`, painting);
await copyFile(`${SAMPLES}chelsea-cat.png`, unreadable);
await chmod(unreadable, 0o000);
const fast = ['--backend', 'wasm', '--size', '32', '--iterations', '2'];

/** `nst stylize …` as the unprivileged user: exit 1, one line (a batch's last) matching `message`, no stack trace. */
async function fails(args: string[], message: RegExp, { before = false, batch = false } = {}): Promise<string> {
  const { code, stderr } = await runNst(['stylize', ...args, ...fast], uid !== undefined ? { uid } : {});
  assert.equal(code, 1, stderr);
  assert.doesNotMatch(stderr, /internal error|^\s+at /m);
  const lines = nstLines(stderr);
  if (!batch) assert.equal(lines.length, 1, stderr);
  assert.match(lines.at(-1)!, message);
  if (before) assert.doesNotMatch(stderr, /backend:/, 'refused before the run started');
  return stderr;
}

describe('file system errors are input errors: one line naming the file and the cause, exit 1', () => {
  test('an unreadable photo', async () => {
    await fails([unreadable, '--style', painting, '-o', join(dir, 'a.png')], /cannot read .*unreadable\.png: permission denied \(EACCES\)/);
  });

  test('-o into a read-only folder, under a file, or onto a folder: refused before the run', async () => {
    const readOnly = join(dir, 'read-only');
    await mkdir(readOnly);
    await chmod(readOnly, 0o555);
    await fails([photo, '--style', painting, '-o', join(readOnly, 'out.png')], /cannot write .*read-only\/out\.png: permission denied/, {
      before: true,
    });
    await fails(
      [photo, '--style', painting, '-o', join(photo, 'out.png')],
      /cannot write .*coffee\.png\/out\.png: a part of its path is a file/,
      {
        before: true,
      },
    );
    const folder = join(dir, 'folder.png');
    await mkdir(folder, { mode: 0o777 });
    await fails([photo, '--style', painting, '-o', folder], /cannot write .*folder\.png: it is a folder \(EISDIR\)/, { before: true });
  });

  test('a batch goes on past an unreadable photo', async () => {
    const out = join(dir, 'batch');
    const stderr = await fails(
      [photo, unreadable, painting, '--style', painting, '-o', `${out}/`],
      /1 of 3 photos failed \(.*unreadable\.png\); the others were written/,
      { batch: true },
    );
    assert.match(stderr, /cannot read .*unreadable\.png: permission denied \(EACCES\)\. .*Skipped\./);
    assert.deepEqual((await readdir(out)).sort(), ['coffee.png', 'painting.png']);
  });

  test('a full disk: the cause named, no partial file left', async () => {
    const out = join(dir, 'full', 'result.png');
    await mkdir(dirname(out));
    // writeImage writes to this temporary name first; /dev/full answers every write with ENOSPC.
    await symlink('/dev/full', join(dirname(out), `.${basename(out)}.${process.pid}.part`));
    const image = await readImage(photo);
    await assert.rejects(
      writeImage(out, image),
      (e: unknown) =>
        e instanceof FileSystemError && /cannot write .*result\.png: the disk is full \(ENOSPC\); nothing was written/.test(e.message),
    );
    assert.deepEqual(await readdir(dirname(out)), [], 'neither the result nor its temporary file');
  });

  test('convert-vgg19 -o under a file: one line, exit 1, not an internal error', async () => {
    const h5 = join(dir, 'narrow.h5');
    await writeNarrowVgg19H5(h5);
    const { code, stderr } = await runNst(['convert-vgg19', h5, '-o', join(photo, 'model')]);
    assert.equal(code, 1, stderr);
    assert.deepEqual(nstLines(stderr), [`nst: cannot use ${join(photo, 'model')}: a part of its path is a file, not a folder (ENOTDIR).`]);
  });

  test('fileSystemError words the common codes and leaves other errors alone', async () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    assert.match(String((fileSystemError('x.png', enospc, 'write') as Error).message), /^cannot write x\.png: the disk is full/);
    const erofs = Object.assign(new Error('EROFS'), { code: 'EROFS' });
    assert.match(String((fileSystemError('x.png', erofs, 'write') as Error).message), /read-only \(EROFS\)/);
    const bug = new TypeError('x is undefined');
    assert.equal(fileSystemError('x.png', bug, 'read'), bug);
    await writeFile(join(dir, 'plain'), '');
    await assertOutputWritable(join(dir, 'new', 'deeper', 'out.png'));
  });
});
