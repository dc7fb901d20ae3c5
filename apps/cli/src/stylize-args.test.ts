import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { InvalidOptionError, MAX_IMAGE_SIDE, NonFiniteCostError } from '@nst/core';
import { CliError } from './cli-error.js';
import sharp from 'sharp';
import { inFlagWords } from './in-flag-words.js';
import { parseStylizeArgs, STYLIZE_USAGE } from './stylize-args.js';
import { nstLines, runNst, SAMPLES } from './testing-nst.js';

const base = ['c.png', '--style', 's.png', '-o', 'o.png'];

/** A usage mistake (exit code 2) whose message matches `message`. */
const usageError = (message: RegExp) => (e: unknown) => e instanceof CliError && e.exitCode === 2 && message.test(e.message);

describe('parseStylizeArgs: tiles and workers', () => {
  test('--workers defaults to every core; --tile-size is left to @nst/core unless given', () => {
    const args = parseStylizeArgs(base);
    assert.equal(args.workers, availableParallelism());
    assert.equal(args.tileSize, undefined);
    assert.deepEqual(args.notices, []);
  });

  test('--workers N and --tile-size N are taken; 0 workers or a tile under 16 px is a usage mistake', () => {
    const args = parseStylizeArgs([...base, '--workers', '1', '--tile-size', '256']);
    assert.deepEqual([args.workers, args.tileSize], [1, 256]);
    assert.throws(
      () => parseStylizeArgs([...base, '--workers', '0']),
      (e: Error & { exitCode?: number }) => /--workers "0" is not a whole number ≥ 1/.test(e.message),
    );
    assert.throws(() => parseStylizeArgs([...base, '--tile-size', '8']), /--tile-size "8"/);
  });
});

describe('parseStylizeArgs: limits on what costs resources, stated in --help', () => {
  test('--workers over the number of cores is cut to it, with a word', () => {
    const cores = availableParallelism();
    const args = parseStylizeArgs([...base, '--workers', '256']);
    assert.equal(args.workers, cores);
    assert.deepEqual(args.notices, [`--workers 256 is more than this machine's ${cores} cores; using ${cores}.`]);
  });

  test('--size, --iterations, --tile-size, --seed and --style-scale out of their ranges are usage mistakes naming the flag', () => {
    assert.throws(() => parseStylizeArgs([...base, '--size', '5000']), usageError(/--size "5000" is not a whole number from 16 to 4096/));
    assert.throws(
      () => parseStylizeArgs([...base, '--iterations', '1e9']),
      usageError(/--iterations "1e9" is not a whole number from 1 to 100000/),
    );
    assert.throws(() => parseStylizeArgs([...base, '--tile-size', '5000']), usageError(/--tile-size "5000"/));
    assert.throws(() => parseStylizeArgs([...base, '--seed', '1e12']), usageError(/--seed "1e12"/));
    for (const scale of ['100', '1e9', '0.01', '0'])
      assert.throws(
        () => parseStylizeArgs([...base, '--style-scale', scale]),
        usageError(/--style-scale ".*" is not a number from 0\.1 to 4/),
      );
    assert.throws(
      () => parseStylizeArgs([...base, '--style-scale', '4', '--size', '2048']),
      usageError(/--style-scale 4 with --size 2048 would scale the painting to 8192 px; the largest is 4096/),
    );
    assert.equal(parseStylizeArgs([...base, '--style-scale', '0.5', '--size', String(MAX_IMAGE_SIDE)]).styleScale, 0.5);
  });

  test('--iterations 1 with lbfgs is refused: it would change nothing', () => {
    assert.throws(() => parseStylizeArgs([...base, '--iterations', '1']), usageError(/--iterations 1 with lbfgs changes nothing/));
    assert.equal(parseStylizeArgs([...base, '--iterations', '1', '--optimizer', 'adam']).iterations, 1);
    assert.equal(parseStylizeArgs([...base, '--iterations', '2']).iterations, 2);
  });

  test('--help states the ranges', () => {
    assert.match(STYLIZE_USAGE, /--size N .* 16 to 4096/);
    assert.match(STYLIZE_USAGE, /--iterations N .* 1 to 100000/);
    assert.match(STYLIZE_USAGE, /--style-scale s .* 0\.1 to 4/);
    assert.match(STYLIZE_USAGE, /--workers N [^]*number of cores/);
  });
});

describe("@nst/core's errors in the CLI's words", () => {
  test('an option error names the flag, as given (NaN as NaN), exit 2', () => {
    const args = parseStylizeArgs(base);
    const mapped = inFlagWords(
      new InvalidOptionError('stylize: maxSize is NaN; expected a whole number from 16 to 4096.', 'maxSize', NaN),
      args,
    );
    assert.ok(mapped instanceof CliError && mapped.exitCode === 2);
    assert.equal(mapped.message, '--size NaN: expected a whole number from 16 to 4096.');
    const other = new Error('a bug');
    assert.equal(inFlagWords(other, args), other);
  });

  test('a cost that overflows names the weight flags given, not a learningRate', () => {
    const args = parseStylizeArgs([...base, '--style-weight', '1e308']);
    const mapped = inFlagWords(new NonFiniteCostError('stylize: … learningRate (1).', Infinity, 1), args);
    assert.ok(mapped instanceof CliError && mapped.exitCode === 2);
    assert.match(mapped.message, /^the cost became Infinity at iteration 1; --style-weight 1e\+308: too large/);
  });

  test('end to end: --size 5000 is a usage error naming --size; --style-weight 1e308 names --style-weight', async () => {
    const photo = [
      'stylize',
      `${SAMPLES}coffee.png`,
      '--style',
      `${SAMPLES}van-gogh-night-cafe.png`,
      '-o',
      join(tmpdir(), 'nst-never-written.png'),
    ];
    const big = await runNst([...photo, '--size', '5000']);
    assert.equal(big.code, 2, big.stderr);
    assert.match(nstLines(big.stderr)[0]!, /--size "5000" is not a whole number from 16 to 4096/);
    const heavy = await runNst([...photo, '--backend', 'wasm', '--size', '32', '--iterations', '2', '--style-weight', '1e308']);
    assert.equal(heavy.code, 2, heavy.stderr);
    assert.match(heavy.stderr, /nst: the cost became (Infinity|NaN) at iteration 1; --style-weight 1e\+308: too large/);
    assert.doesNotMatch(heavy.stderr, /learningRate/);
  });

  test('end to end: a 1×1 photo is refused by name, not by tfjs', async () => {
    const dot = join(await mkdtemp(join(tmpdir(), 'nst-dot-')), 'dot.png');
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#123' } })
      .png()
      .toFile(dot);
    for (const workers of ['1', '2']) {
      const { code, stderr } = await runNst([
        'stylize',
        dot,
        '--style',
        `${SAMPLES}coffee.png`,
        '-o',
        `${dot}.out.png`,
        '--backend',
        'wasm',
        '--workers',
        workers,
      ]);
      assert.equal(code, 1, stderr);
      assert.deepEqual(nstLines(stderr), [
        `nst: ${dot}: The content image is 1×1 pixels; stylize needs at least 2 (neighbours to compare). Use a larger image.`,
      ]);
    }
  });
});
