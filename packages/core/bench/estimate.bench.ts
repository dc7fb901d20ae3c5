/**
 * `npm run bench:estimate`: how close the estimate a UI and the CLI show before a run
 * (`estimateStylizeSeconds` at the speed `measureStylizeSpeed` measures) comes to the run. Each row
 * is a fresh process, as a user starts one: it measures the speed, estimates, then runs a default
 * stylize of a photo of that size and prints both, with the first and the steady iterations of the
 * last stage. Native processes start with NATIVE_MALLOC_ENV, as `nst` starts its own; wasm runs
 * its tiles on every core, as the CLI and the UIs do.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { estimateStylizeSeconds, initBackend, measureStylizeSpeed, NATIVE_MALLOC_ENV, stylize } from '../src/index.js';
import { painting, photo } from '../src/testing/images.js';
import { machine, table, writeReadmeSection } from './bench-report.js';

interface Row {
  readonly estimate: number;
  readonly seconds: number;
  readonly lastFirst: number;
  readonly lastSteady: number;
}

/** `child BACKEND WIDTH HEIGHT`: speed, estimate and a whole run in this process; prints a {@link Row}. */
async function child(backend: 'native' | 'wasm', width: number, height: number) {
  await initBackend({ backend });
  const speed = await measureStylizeSpeed();
  const workers = availableParallelism();
  const estimate = estimateStylizeSeconds({ content: { width, height }, maxSize: Math.max(width, height), workers }, speed);
  const stamps: { stage: number; t: number }[] = [];
  const started = performance.now();
  await stylize({
    content: photo(width, height),
    styles: [{ image: painting(512, 384) }],
    maxSize: Math.max(width, height),
    workers,
    onProgress: (p) => void stamps.push({ stage: p.stage, t: performance.now() }),
  });
  const seconds = (performance.now() - started) / 1000;
  const stages = Math.max(...stamps.map((s) => s.stage));
  const last = stamps.filter((s) => s.stage === stages);
  const before = stamps.filter((s) => s.stage < stages).at(-1)?.t ?? started;
  const lastFirst = (last[0]!.t - before) / 1000;
  const lastSteady = (last.at(-1)!.t - last[0]!.t) / 1000 / Math.max(1, last.length - 1);
  console.log(JSON.stringify({ estimate, seconds, lastFirst, lastSteady } satisfies Row));
}

function run(backend: string, width: number, height: number): Row {
  const self = fileURLToPath(import.meta.url);
  const env = backend === 'native' ? { ...process.env, ...NATIVE_MALLOC_ENV } : process.env;
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'child', backend, String(width), String(height)], {
    encoding: 'utf8',
    env,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Row;
}

async function readme() {
  const rows: string[][] = [['backend', 'photo', 'estimate: s', 'run: s', 'run ÷ estimate', "last stage's first iteration ÷ the next"]];
  const cases = [
    ['native', 512, 341],
    ['native', 1024, 683],
    ['native', 2048, 1365],
    ['wasm', 512, 341],
  ] as const;
  for (const [backend, width, height] of cases) {
    const r = run(backend, width, height);
    rows.push([
      backend,
      `${width}×${height}`,
      r.estimate.toFixed(1),
      r.seconds.toFixed(1),
      (r.seconds / r.estimate).toFixed(2),
      (r.lastFirst / r.lastSteady).toFixed(1),
    ]);
    console.log(rows.at(-1)!.join(' | '));
  }
  writeReadmeSection(
    'estimate',
    `${table(rows)}\n\n${machine()}, ${availableParallelism()} threads or tile workers; one run each, a fresh process per row. ` +
      'The speed is measured in about a second, so it varies from run to run by some 10–20 %.',
  );
}

const [mode = 'readme', ...rest] = process.argv.slice(2);
if (mode === 'child') await child(rest[0] as 'native' | 'wasm', Number(rest[1]), Number(rest[2]));
else if (mode === 'readme') await readme();
else throw new Error(`mode ${mode}: choose readme or child`);
