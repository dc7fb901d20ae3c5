/** `nst stylize` in tiles, on worker threads, from the built CLI (whose workers load @nst/core's built tile-worker.js). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);
const NST = fileURLToPath(new URL('../dist/nst.js', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'nst-workers-'));

describe('nst stylize --workers', () => {
  test('two workers over tiles of 32 px write the picture one thread makes', async () => {
    const outputs: Buffer[] = [];
    for (const workers of ['1', '2']) {
      const out = join(dir, `w${workers}.png`);
      const args = ['stylize', `${SAMPLES}coffee.png`, '--style', `${SAMPLES}van-gogh-night-cafe.png`, '-o', out];
      const { stdout } = await run(
        process.execPath,
        [
          NST,
          ...args,
          '--backend',
          'wasm',
          '--size',
          '64',
          '--iterations',
          '3',
          '--optimizer',
          'adam',
          '--tile-size',
          '32',
          '--workers',
          workers,
        ],
        {
          timeout: 120_000,
        },
      );
      assert.match(stdout, /\(64×43\)/);
      outputs.push(await sharp(out).raw().toBuffer());
    }
    const [one, two] = outputs as [Buffer, Buffer];
    assert.equal(one.length, two.length);
    const worst = one.reduce((m, v, i) => Math.max(m, Math.abs(v - two[i]!)), 0);
    assert.ok(worst <= 1, `pixels differ by up to ${worst}`);
  });
});
