import type { StylizeProgress } from '@nst/core';
import { TimeLeft } from './time-left.js';

const seconds = (ms: number) =>
  ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s` : `${(ms / 1000).toFixed(1)}s`;

/** A duration a person reads before a run: "about 40 s", "about 3 min", "about 1 h 20 min". */
export function aboutDuration(totalSeconds: number): string {
  const fives = Math.round(totalSeconds / 5) * 5;
  if (fives < 60) return `about ${Math.max(1, fives)} s`;
  const minutes = Math.round(totalSeconds / 60);
  return minutes < 60 ? `about ${minutes} min` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * One line of progress: bar, iteration, costs, elapsed time and the time left (`leftMs`, from a
 * {@link TimeLeft}; none while it cannot be estimated). The bar follows the share of the work done
 * (later stages are larger and cost more per iteration).
 */
export function formatProgress(p: StylizeProgress, width = 24, leftMs?: number): string {
  const done = Math.round(p.fraction * width);
  return (
    `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${p.iteration}/${p.iterations}` +
    `${p.stages > 1 ? ` stage ${p.stage}/${p.stages}` : ''}  J ${p.loss.toExponential(2)}` +
    ` (content ${p.contentLoss.toExponential(2)}, style ${p.styleLoss.toExponential(2)})` +
    `  ${seconds(p.elapsedMs)}${leftMs !== undefined ? `, ETA ${seconds(leftMs)}` : ''}`
  );
}

/**
 * Whether progress may be redrawn in place (carriage return and an ANSI erase): on a terminal,
 * unless `NO_COLOR` is set and not empty (https://no-color.org) or `TERM` is `dumb`.
 */
export function canRedraw(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}

/**
 * Draws progress on a terminal in place; elsewhere (CI logs, pipes, `NO_COLOR`, `TERM=dumb`), a
 * plain line every tenth of the run.
 */
export function progressPrinter(
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'>,
  env: NodeJS.ProcessEnv = process.env,
): { update(p: StylizeProgress): void; end(): void } {
  const redraw = canRedraw(stream, env);
  const timeLeft = new TimeLeft();
  let lastTenth = -1;
  return {
    update(p) {
      const line = formatProgress(p, 24, timeLeft.update(p));
      if (redraw) {
        stream.write(`\r${line.slice(0, Math.max(20, (stream.columns ?? 120) - 1))}\x1b[K`);
        return;
      }
      const tenth = Math.floor(p.fraction * 10);
      if (tenth !== lastTenth || p.iteration === p.iterations) stream.write(`${line}\n`);
      lastTenth = tenth;
    },
    end() {
      if (redraw) stream.write('\n');
    },
  };
}
