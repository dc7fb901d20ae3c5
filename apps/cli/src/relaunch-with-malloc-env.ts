/**
 * On Linux the `nst` command runs in a child of itself started with @nst/core's
 * `NATIVE_MALLOC_ENV`: glibc reads those settings only when a process starts, and without them
 * the native engine faults its memory in afresh on every tile pass of a large stage (at 2048 px
 * most of the run). The parent only waits: the child has its own process group, so a Ctrl-C
 * reaches it once, forwarded by the parent, as does a signal sent to the parent alone; the
 * parent ends with the child's exit code or signal. A user who sets either variable runs in one
 * process, with their settings.
 */
import { spawn } from 'node:child_process';
import { lacksNativeMallocEnv, NATIVE_MALLOC_ENV } from '@nst/core/native-malloc-env';

/** The signals a terminal or a supervisor sends to stop a command, forwarded to the child. */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Whether this process should relaunch itself: Linux, and neither setting already in `env`. */
export function shouldRelaunch(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && lacksNativeMallocEnv(env);
}

/**
 * Runs this command again in a child with {@link NATIVE_MALLOC_ENV}, and settles with its exit
 * code, or its signal's name when a signal ended it; rejects when the child cannot start (then the
 * command runs in this process).
 */
export function relaunchWithMallocEnv(): Promise<number | NodeJS.Signals> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ...NATIVE_MALLOC_ENV },
    detached: true,
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    const done = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
    };
    child.on('error', (error) => {
      if (child.pid !== undefined) return; // a signal that could not be forwarded: the child runs on
      done();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(signal ?? code ?? 1);
    });
  });
}
