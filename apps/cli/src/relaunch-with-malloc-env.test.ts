import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NATIVE_MALLOC_ENV } from '@nst/core';
import { shouldRelaunch } from './relaunch-with-malloc-env.js';

const NST = fileURLToPath(new URL('../dist/nst.js', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

/** The pids of `pid`'s children (Linux's /proc). */
const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);

/** The environment `pid` was started with. */
const environOf = (pid: number) =>
  Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );

/**
 * A long `nst stylize` in a process group of its own, as a shell starts a command, stopped with
 * Ctrl-C (SIGINT to the whole group) once its progress bar moves. Resolves with the exit code,
 * stderr, and the environment of each process under the command's, read while it ran.
 */
async function stylizeThenCtrlC(env: NodeJS.ProcessEnv) {
  const out = join(await mkdtemp(join(tmpdir(), 'nst-relaunch-')), 'out.png');
  const args = ['stylize', `${SAMPLES}coffee.png`, '--style', `${SAMPLES}van-gogh-night-cafe.png`, '-o', out];
  const child = spawn(process.execPath, [NST, ...args, '--backend', 'wasm', '--size', '48', '--iterations', '100000'], {
    env,
    detached: true,
  });
  let stderr = '';
  let children: Record<string, string>[] | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (children === undefined && /\] \d+\/100000/.test(stderr)) {
      children = childrenOf(child.pid!).map(environOf);
      process.kill(-child.pid!, 'SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr, children: children ?? [], written: existsSync(out) };
}

describe('the command relaunched with the native engine’s malloc settings', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
  test('on Linux, unless the user set either variable', () => {
    assert.equal(shouldRelaunch('linux', {}), true);
    assert.equal(shouldRelaunch('linux', { MALLOC_MMAP_MAX_: '65536' }), false);
    assert.equal(shouldRelaunch('linux', { MALLOC_TRIM_THRESHOLD_: '131072' }), false);
    assert.equal(shouldRelaunch('darwin', {}), false);
    assert.equal(shouldRelaunch('win32', {}), false);
  });

  test(
    'the work runs in a child started with NATIVE_MALLOC_ENV; Ctrl-C reaches it once: exit 130, nothing written',
    { timeout: 120_000 },
    async () => {
      const env = { ...process.env };
      for (const name of Object.keys(NATIVE_MALLOC_ENV)) delete env[name];
      const run = await stylizeThenCtrlC(env);
      assert.equal(run.children.length, 1, 'one child');
      assert.deepEqual(
        Object.keys(NATIVE_MALLOC_ENV).map((name) => run.children[0]![name]),
        Object.values(NATIVE_MALLOC_ENV),
      );
      assert.equal(run.code, 130, run.stderr);
      assert.equal(run.stderr.match(/nst: stopped; nothing was written\./g)?.length, 1, run.stderr);
      assert.equal(run.written, false);
    },
  );

  test('with the user’s own setting, it runs in one process, and Ctrl-C still stops it', { timeout: 120_000 }, async () => {
    const run = await stylizeThenCtrlC({ ...process.env, MALLOC_MMAP_MAX_: '65536' });
    assert.deepEqual(run.children, []);
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /nst: stopped; nothing was written\./);
  });
});
