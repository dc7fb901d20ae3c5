import assert from 'node:assert/strict';
import { copyFile, link, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertOutputsSpareInputs, modelFiles } from './assert-outputs-spare-inputs.js';
import { OutputIsInputError } from './cli-error.js';
import { nstLines, runNst, SAMPLES } from './testing-nst.js';

const dir = await mkdtemp(join(tmpdir(), 'nst-overwrite-'));
const photo = join(dir, 'cat.png');
const painting = join(dir, 'painting.png');
await copyFile(`${SAMPLES}chelsea-cat.png`, photo);
await copyFile(`${SAMPLES}van-gogh-night-cafe.png`, painting);
const fast = ['--backend', 'wasm', '--size', '32', '--iterations', '2'];

/** Runs `nst stylize …` and checks it refused before any work: exit 2, one line, the inputs untouched. */
async function refused(args: string[], message: RegExp): Promise<void> {
  const before = await Promise.all([readFile(photo), readFile(painting)]);
  const { code, stdout, stderr } = await runNst(['stylize', ...args, ...fast]);
  assert.equal(code, 2, stderr);
  assert.equal(stdout, '');
  assert.doesNotMatch(stderr, /backend:/, 'refused before the backend started');
  const lines = nstLines(stderr);
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, message);
  const after = await Promise.all([readFile(photo), readFile(painting)]);
  assert.ok(before[0].equals(after[0]) && before[1].equals(after[1]), 'the photo and the painting are unchanged');
}

describe('an output that is an input is a usage mistake, before any work', () => {
  test('-o the photo itself, by the same or another spelling of its path', async () => {
    await refused([photo, '--style', painting, '-o', photo], /the output .*cat\.png is the photo: .*would replace it/);
    await refused([photo, '--style', painting, '-o', `${dir}/sub/../cat.png`], /is the photo \(.*cat\.png\)/);
  });

  test('-o the painting, through a symlink or a hard link', async () => {
    const soft = join(dir, 'soft.png');
    const hard = join(dir, 'hard.png');
    await symlink(painting, soft);
    await link(painting, hard);
    await refused([photo, '--style', painting, '-o', soft], /soft\.png is the --style image/);
    await refused([photo, '--style', painting, '-o', hard], /hard\.png is the --style image/);
  });

  test("a batch into the photos' own folder", async () => {
    const other = join(dir, 'other.png');
    await copyFile(`${SAMPLES}coffee.png`, other);
    await refused([photo, other, '--style', painting, '-o', `${dir}/`], /the output .*cat\.png is the photo/);
  });

  test('a model file of --network, and a path that is no input at all', async () => {
    const model = join(dir, 'model');
    await mkdir(model);
    await writeFile(join(model, 'model.png'), 'not really');
    await assert.rejects(
      assertOutputsSpareInputs([join(model, 'model.png')], await modelFiles(model)),
      (e: unknown) => e instanceof OutputIsInputError && e.exitCode === 2 && /a file of the model/.test(e.message),
    );
    await assertOutputsSpareInputs([join(dir, 'new', 'result.png'), join(dir, 'result.png')], [{ path: photo, role: 'the photo' }]);
  });
});
