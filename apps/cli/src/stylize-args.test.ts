import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, test } from 'node:test';
import { parseStylizeArgs } from './stylize-args.js';

const base = ['c.png', '--style', 's.png', '-o', 'o.png'];

describe('parseStylizeArgs: tiles and workers', () => {
  test('--workers defaults to every core; --tile-size is left to @nst/core unless given', () => {
    const args = parseStylizeArgs(base);
    assert.equal(args.workers, availableParallelism());
    assert.equal(args.tileSize, undefined);
  });

  test('--workers N and --tile-size N are taken; 0 workers or a tile under 16 px is a usage mistake', () => {
    const args = parseStylizeArgs([...base, '--workers', '3', '--tile-size', '256']);
    assert.deepEqual([args.workers, args.tileSize], [3, 256]);
    assert.throws(
      () => parseStylizeArgs([...base, '--workers', '0']),
      (e: Error & { exitCode?: number }) => /--workers "0" is not a whole number ≥ 1/.test(e.message),
    );
    assert.throws(() => parseStylizeArgs([...base, '--tile-size', '8']), /--tile-size "8"/);
  });
});
