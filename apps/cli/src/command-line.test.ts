/** The command line's manners, through the built `dist/nst.js` as a user runs it, and its parts. */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StylizeProgress } from '@nst/core';
import sharp from 'sharp';
import { CliError } from './cli-error.js';
import { parseCommandLine, wantsHelp } from './command-line.js';
import { editDistance, nearestName } from './nearest-name.js';
import { aboutDuration, formatProgress, progressPrinter } from './progress-bar.js';
import { STYLIZE_OPTIONS, STYLIZE_USAGE } from './stylize-args.js';
import { stylizeProgress } from '@nst/testing/stylize-progress';

const NST = fileURLToPath(new URL('../dist/nst.js', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

async function nst(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [NST, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('nst, its manners', () => {
  test('--help and -h on every command: its usage and the exit codes on stdout, exit 0', async () => {
    for (const [args, usage] of [
      [['--help'], /Usage: nst <command>[\s\S]*Usage: nst stylize[\s\S]*Usage: nst gallery[\s\S]*Usage: nst convert-vgg19/],
      [['-h'], /Usage: nst <command>/],
      [['help'], /Usage: nst <command>/],
      [['stylize', '--help'], /^Usage: nst stylize/],
      [['stylize', 'photo.png', '-h'], /^Usage: nst stylize/],
      [['gallery', '-h'], /^Usage: nst gallery/],
      [['convert-vgg19', '--help'], /^Usage: nst convert-vgg19/],
      [['help', 'stylize'], /^Usage: nst stylize/],
    ] as const) {
      const { code, stdout, stderr } = await nst(...args);
      assert.equal(code, 0, `${args.join(' ')}: ${stderr}`);
      assert.match(stdout, usage, args.join(' '));
      assert.match(stdout, /Exit codes:\n\s+0 +done[\s\S]*\n\s+2 +a usage mistake[\s\S]*\n\s+130 /, args.join(' '));
      assert.equal(stderr, '', args.join(' '));
    }
  });

  test('--version prints the package version', async () => {
    const { code, stdout } = await nst('--version');
    assert.equal(code, 0);
    assert.equal(stdout, `${version}\n`);
  });

  test('no command: the usage on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await nst();
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /Usage: nst <command>/);
  });

  test('an unknown option or command: one line naming the nearest known one, exit 2', async () => {
    for (const [args, line] of [
      [['stylize', 'c.png', '--iteration', '3'], "nst: unknown option '--iteration'; did you mean '--iterations'?"],
      [['stylize', 'c.png', '--preserve-colours'], "nst: unknown option '--preserve-colours'; did you mean '--preserve-colors'?"],
      [['gallery', '--sise', '64'], "nst: unknown option '--sise'; did you mean '--size'?"],
      [['convert-vgg19', 'w.h5', '--quantise', 'uint8'], "nst: unknown option '--quantise'; did you mean '--quantize'?"],
      [['stylize', 'c.png', '--zzzzzz'], "nst: unknown option '--zzzzzz'"],
      [['stylise'], "nst: unknown command 'stylise' (did you mean 'stylize'?); run nst --help."],
      [['help', 'galery'], "nst: no command 'galery' (did you mean 'gallery'?); run nst --help."],
    ] as const) {
      const { code, stderr } = await nst(...args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.deepEqual(
        stderr.split('\n').filter((l) => l.startsWith('nst:')),
        [line],
        args.join(' '),
      );
    }
  });

  test('gallery states and checks its ranges: --size 5000 is a usage mistake, not a library error', async () => {
    const { code, stderr } = await nst('gallery', '--size', '5000', '-o', join(tmpdir(), 'nst-never-gallery.png'));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /nst: --size and --iterations must be whole numbers \(size 16 to 4096, iterations 2 to 100000\)/);
  });

  test('Ctrl-C stops at the next iteration: exit 130, nothing written', { timeout: 60_000 }, async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'nst-sigint-')), 'never.png');
    const child = spawn(process.execPath, [
      NST,
      'stylize',
      `${SAMPLES}coffee.png`,
      '--style',
      `${SAMPLES}van-gogh-night-cafe.png`,
      '-o',
      out,
      '--backend',
      'wasm',
      '--size',
      '48',
      '--iterations',
      '100000',
    ]);
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && /\] \d+\/100000/.test(stderr)) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    // (Were SIGINT never handled, the test's timeout would end it; the child would run on.)
    assert.equal(code, 130, stderr);
    assert.match(stderr, /nst: stopped; nothing was written\./);
    assert.equal(existsSync(out), false);
  });
});

describe('a batch stopped with Ctrl-C', () => {
  test('says which photos were written, exit 130, and leaves no other file', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nst-sigint-batch-'));
    const tiny = join(dir, 'tiny.png');
    await sharp(`${SAMPLES}chelsea-cat.png`).resize(24, 24).toFile(tiny);
    const out = join(dir, 'out');
    // One worker: the tiny photo first, alone, then the large one, stopped once the first is written.
    const child = spawn(process.execPath, [
      NST,
      'stylize',
      tiny,
      `${SAMPLES}coffee.png`,
      '--style',
      `${SAMPLES}van-gogh-night-cafe.png`,
      '-o',
      `${out}/`,
      '--backend',
      'wasm',
      '--size',
      '384',
      '--iterations',
      '40',
      '--workers',
      '1',
    ]);
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!interrupted && /wrote .*tiny\.png/.test(stdout)) interrupted = child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /nst: stopped; wrote .*out\/tiny\.png; the other 1 of 2 photos were not written\./);
    assert.doesNotMatch(stderr, /nothing was written/);
    assert.deepEqual(readdirSync(out), ['tiny.png']);
  });
});

describe('command-line parts', () => {
  test('nearestName: a likely typo, by edit distance or as a prefix; nothing when nothing is close', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('flaw', 'flaw'), 0);
    const names = ['size', 'iterations', 'style', 'style-weight', 'seed', 'tv-weight'];
    assert.equal(nearestName('iteration', names), 'iterations');
    assert.equal(nearestName('iter', names), 'iterations');
    assert.equal(nearestName('stlye', names), 'style');
    assert.equal(nearestName('tv', names), undefined);
    assert.equal(nearestName('network', names), undefined);
  });

  test('wantsHelp: --help or -h before a `--`', () => {
    assert.equal(wantsHelp(['a.png', '-h']), true);
    assert.equal(wantsHelp(['--help']), true);
    assert.equal(wantsHelp(['a.png', '--', '-h']), false);
    assert.equal(wantsHelp(['a.png', '--hel']), false);
  });

  test('parseCommandLine: typed values; a mistake is a usage error (exit 2) with the usage', () => {
    const options = { size: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } } as const;
    const { values, positionals } = parseCommandLine(['a', '--size', '3', '-q'], options, 'USAGE');
    assert.deepEqual([values.size, values.quiet, positionals], ['3', true, ['a']]);
    assert.throws(
      () => parseCommandLine(['-x'], options, 'USAGE'),
      (error: unknown) => error instanceof CliError && error.exitCode === 2 && error.message === "unknown option '-x'\nUSAGE",
    );
    assert.throws(
      () => parseCommandLine(['--size'], options, 'USAGE'),
      (error: unknown) => error instanceof CliError && error.exitCode === 2 && /--size/.test(error.message),
    );
  });

  test("stylize's usage lists every option it accepts", () => {
    for (const [name, option] of Object.entries(STYLIZE_OPTIONS)) {
      const short = 'short' in option ? option.short : undefined;
      assert.ok(
        new RegExp(`--${name}\\b`).test(STYLIZE_USAGE) || (short !== undefined && new RegExp(`-${short}\\b`).test(STYLIZE_USAGE)),
        name,
      );
    }
  });

  const progress = (iteration: number): StylizeProgress =>
    stylizeProgress({
      iteration,
      iterations: 20,
      loss: 1,
      contentLoss: 0.5,
      styleLoss: 0.5,
      elapsedMs: 100 * iteration,
      fraction: iteration / 20,
    });
  const record = (isTTY: boolean, env: NodeJS.ProcessEnv) => {
    let text = '';
    const printer = progressPrinter({ isTTY, columns: 100, write: (chunk: string | Uint8Array) => ((text += String(chunk)), true) }, env);
    for (let i = 1; i <= 20; i++) printer.update(progress(i));
    printer.end();
    return text;
  };

  test('progress: bar and time left follow the share of the work, not the iteration count', () => {
    // Half the iterations, but a fifth of the work (the small stage): 10 s so far, 40 s left.
    const line = formatProgress({ ...progress(10), stages: 2, elapsedMs: 10_000, fraction: 0.2 }, 24, 40_000);
    assert.match(line, /^\[#{5}\.{19}\] 10\/20 stage 1\/2 /);
    assert.match(line, /10\.0s, ETA 40\.0s$/);
    assert.match(
      formatProgress({ ...progress(10), elapsedMs: 10_000, fraction: 0.2 }),
      /10\.0s$/,
      'no time left until it can be estimated',
    );
  });

  test('progress: redrawn in place on a terminal; a plain log under NO_COLOR, TERM=dumb or a pipe', () => {
    const drawn = record(true, {});
    assert.match(drawn, /\r\[#+\.*\] 1\/20/);
    assert.ok(drawn.includes('\x1b[K'), 'an ANSI erase');
    for (const [isTTY, env] of [
      [true, { NO_COLOR: '1' }],
      [true, { TERM: 'dumb' }],
      [false, {}],
    ] as const) {
      const log = record(isTTY, env);
      assert.ok(!log.includes('\r') && !log.includes('\x1b'), `no redraw: ${JSON.stringify(env)}`);
      const lines = log.trimEnd().split('\n');
      assert.equal(lines.length, 11, `one line a tenth of the run, and the last: ${log}`);
      assert.match(lines.at(-1)!, /^\[#{24}\] 20\/20 /);
    }
    assert.match(record(true, { NO_COLOR: '' }), /\r/, 'an empty NO_COLOR does not count (no-color.org)');
  });

  test('aboutDuration rounds a duration the way a person says it', () => {
    assert.deepEqual([0.4, 12, 58, 90, 1799, 3600 + 20 * 60].map(aboutDuration), [
      'about 1 s',
      'about 10 s',
      'about 1 min',
      'about 2 min',
      'about 30 min',
      'about 1 h 20 min',
    ]);
  });
});
