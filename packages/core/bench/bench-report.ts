/**
 * What every bench prints with: medians and spreads, markdown tables, and the README's sections
 * that a bench regenerates (`@nst/config/readme-section`), so that no figure in the README is
 * typed by hand.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeReadmeSection as writeSection } from '@nst/config/readme-section';
import { stylize } from '../src/index.js';
import { painting, photo } from '../src/testing/images.js';

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** `median (min–max)` of `xs`, in `digits` decimals; '–' for none (a peer not installed). */
export const spread = (xs: readonly number[], digits = 2): string =>
  xs.length === 0
    ? '–'
    : xs.length < 2
      ? median(xs).toFixed(digits)
      : `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** A markdown table of `rows`, the first being the header. */
export function table(rows: readonly (readonly string[])[]): string {
  const [header = [], ...body] = rows;
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The machine a figure was measured on, in words. */
export function machine(): string {
  const list = cpus();
  return `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}`;
}

/** PyTorch's version here, or undefined when Debian's python3-torch is missing. */
export function torchVersion(): string | undefined {
  try {
    return execFileSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** Runs bench/torch-peer.py with `args`; its JSON answer. */
export function torchPeer<T>(args: readonly string[]): T {
  const script = fileURLToPath(new URL('./torch-peer.py', import.meta.url));
  return JSON.parse(execFileSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as T;
}

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** Replaces the root README's section `name` with `markdown` (set NST_BENCH_README=0 to only print). */
export const writeReadmeSection = (name: string, markdown: string): void => writeSection(README, name, markdown);

/**
 * Seconds per iteration of a one-stage Adam stylize at `size`² on the active backend (every core),
 * one shift (one evaluation an iteration, as the peers'): the median gap between its progress
 * reports after the first two.
 */
export async function secondsPerStylizeIteration(
  size: number,
  { iterations = 6, tileSize }: { iterations?: number; tileSize?: number } = {},
) {
  const stamps: number[] = [];
  await stylize({
    content: photo(size, size),
    styles: [{ image: painting(size, size) }],
    maxSize: size,
    stages: 1,
    iterations,
    optimizer: 'adam',
    shifts: 1,
    ...(tileSize === undefined ? {} : { tileSize }),
    workers: cpus().length,
    onProgress: () => void stamps.push(performance.now()),
  });
  return median(stamps.slice(2).map((t, i) => (t - stamps[i + 1]!) / 1000));
}
