import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The built command, `dist/nst.js`, as a user runs it. */
export const NST = fileURLToPath(new URL('../dist/nst.js', import.meta.url));

/** The bundled sample images, with a trailing slash. */
export const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

/** The user id `runNst` runs as when asked for a user whom file permissions apply to (root bypasses them). */
export const UNPRIVILEGED = 65_534;

/** What a run of `nst` left: its exit code and output. */
export interface NstRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `nst` with `args`; `uid` runs it as that user (only root may: see {@link UNPRIVILEGED}).
 * Resolves with the exit code whatever it is.
 */
export async function runNst(
  args: readonly string[],
  { uid, timeout = 120_000 }: { uid?: number; timeout?: number } = {},
): Promise<NstRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [NST, ...args], {
      timeout,
      ...(uid !== undefined ? { uid, gid: uid } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The lines `nst` itself wrote on stderr (its messages start with `nst:`). */
export const nstLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('nst:'));
