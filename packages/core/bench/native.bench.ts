/**
 * `npm run bench` (the native engine): ours on ONNX Runtime against PyTorch on the CPU running the
 * same objective (bench/torch-peer.py: zero padding, centred Grams on conv1_1 and conv2_1, and
 * conv3_1 from 512 px, conv4_1 from 1024 px; content on conv2_2, TV; one evaluation an
 * iteration), on Debian's python3-torch with whatever BLAS is
 * installed: the table names it, and says so when it is the reference BLAS, which no user who
 * cares about speed has (`apt-get install libopenblas0-pthread`). Rounds interleave ours and the
 * peer's; every core on both sides.
 *   - seconds per Adam iteration at 256² and 512² (one stage: ours runs it as one tile);
 *   - a whole default stylize at 512, 1024 and 2048 px, but with one shift and 100 iterations (the
 *     peer's objective; the default averages stages over two shifts from 512 px and runs 150
 *     iterations from 1024 px), each in its own process started with
 *     NATIVE_MALLOC_ENV as `nst` starts its own, and PyTorch on the same stages with the same
 *     number of evaluations.
 * NST_BENCH_ROUNDS (default 3) sets the rounds of the first table; the second runs 2 rounds below
 * 2048 px and 1 at 2048.
 *
 *   node --import tsx bench/native.bench.ts [readme | child WIDTH HEIGHT peer|default]
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SHIFTS, defaultIterations, initBackend, NATIVE_MALLOC_ENV, stylize, stylizeSchedule } from '../src/index.js';
import { painting, photo } from '../src/testing/images.js';
import { machine, median, secondsPerStylizeIteration, spread, table, torchPeer, torchVersion, writeReadmeSection } from './bench-report.js';

const ROUNDS = Number(process.env.NST_BENCH_ROUNDS ?? '3');
const cores = availableParallelism();

/** What the peer runs: one shift and 100 iterations (stylize's defaults have more of both at large sizes). */
const PEER_OBJECTIVE = { shifts: 1, iterations: 100 } as const;

/** How a whole run is set: as the peer runs, or as stylize's defaults are. */
type Objective = 'peer' | 'default';

/** A whole stylize with `objective` in this process (`child WIDTH HEIGHT peer|default`): prints seconds and peak RSS. */
async function child(width: number, height: number, objective: Objective) {
  const report = await initBackend({ backend: 'native' });
  const started = performance.now();
  await stylize({
    content: photo(width, height),
    styles: [{ image: painting(512, 384) }],
    maxSize: Math.max(width, height),
    workers: cores,
    ...(objective === 'peer' ? PEER_OBJECTIVE : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), backend: report.backend }));
}

/**
 * A whole run in a process of its own, started with NATIVE_MALLOC_ENV as `nst` starts its own, or
 * with glibc's defaults (`mallocEnv` false); with the peer's objective, or stylize's defaults.
 */
function wholeRun(width: number, height: number, mallocEnv = true, objective: Objective = 'peer'): { seconds: number; maxRssMb: number } {
  const self = fileURLToPath(import.meta.url);
  const env: NodeJS.ProcessEnv = { ...process.env, ...(mallocEnv ? NATIVE_MALLOC_ENV : {}) };
  if (!mallocEnv) for (const name of Object.keys(NATIVE_MALLOC_ENV)) delete env[name];
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'child', String(width), String(height), objective], {
    encoding: 'utf8',
    env,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; maxRssMb: number };
}

/**
 * The whole-run table: a stylize with the peer's objective at 512, 1024 and 2048 px, each in its own process, against
 * PyTorch on the same stages (`withTorch`); then 2048 px once more with glibc's malloc defaults,
 * what NATIVE_MALLOC_ENV saves, and once with stylize's defaults (shifts, iterations), what they cost.
 */
function wholeRunRows(withTorch: boolean): string[][] {
  const rows: string[][] = [['photo', 'stages', 'ours, native: s (peak RSS)', `PyTorch, ${cores} threads: s`, 'ours ÷ PyTorch']];
  const ratio = (ours: number, torch: readonly number[]) => (withTorch ? `${(ours / median(torch)).toFixed(2)}` : '–');
  let torch2048: number[] = [];
  for (const [width, height] of [
    [512, 341],
    [1024, 683],
    [2048, 1365],
  ] as const) {
    const stages = stylizeSchedule({ content: { width, height }, maxSize: width, iterations: PEER_OBJECTIVE.iterations });
    const times = { ours: [] as number[], torch: [] as number[], rss: 0 };
    for (let r = 0; r < (width >= 2048 ? 1 : 2); r++) {
      const ours = wholeRun(width, height);
      times.ours.push(ours.seconds);
      times.rss = Math.max(times.rss, ours.maxRssMb);
      if (withTorch) {
        const args = ['schedule', ...stages.map((s) => `${s.width}x${s.height}x${s.iterations}`), String(cores)];
        times.torch.push(torchPeer<{ seconds: number }>(args).seconds);
      }
    }
    torch2048 = times.torch;
    const stageText = `${stages.length}: ${stages[0]!.width}…${width} px, ${stages.map((s) => s.iterations).join('+')} it`;
    rows.push([
      `${width}×${height}`,
      stageText,
      `${spread(times.ours, 1)} (${times.rss} MB)`,
      spread(times.torch, 1),
      ratio(median(times.ours), times.torch),
    ]);
    console.log(rows.at(-1)!.join(' | '));
  }
  const defaults = wholeRun(2048, 1365, false);
  rows.push([
    '2048×1365, glibc malloc defaults',
    'the same',
    `${defaults.seconds.toFixed(1)} (${defaults.maxRssMb} MB)`,
    spread(torch2048, 1),
    ratio(defaults.seconds, torch2048),
  ]);
  console.log(rows.at(-1)!.join(' | '));
  const shifted = wholeRun(2048, 1365, true, 'default');
  const defaultStages = stylizeSchedule({ content: { width: 2048, height: 1365 }, maxSize: 2048 });
  rows.push([
    `2048×1365, stylize's default: ${defaultIterations(2048)} iterations, every stage averaged over ${DEFAULT_SHIFTS} shifts`,
    defaultStages.map((s) => s.iterations).join('+'),
    `${shifted.seconds.toFixed(1)} (${shifted.maxRssMb} MB)`,
    '–',
    '–',
  ]);
  console.log(rows.at(-1)!.join(' | '));
  return rows;
}

async function readme() {
  const torch = torchVersion();
  await initBackend({ backend: 'native' });
  let blas = 'no PyTorch';
  const iterationRows: string[][] = [
    ['size', `ours, native, ${cores} threads: s/it`, 'PyTorch, 1 thread', `PyTorch, ${cores} threads`, 'ours vs PyTorch'],
  ];
  for (const size of [256, 512]) {
    await secondsPerStylizeIteration(size, { iterations: 5 }); // warm-up: sessions built, pages touched
    const times = { ours: [] as number[], torch1: [] as number[], torchN: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      times.ours.push(await secondsPerStylizeIteration(size, { iterations: 5 }));
      if (torch === undefined) continue;
      times.torch1.push(...torchPeer<{ seconds: number[] }>(['iteration', String(size), '1', '1']).seconds);
      const peer = torchPeer<{ seconds: number[]; blas: string }>(['iteration', String(size), String(cores), '1']);
      times.torchN.push(...peer.seconds);
      blas = peer.blas;
    }
    const vs = torch === undefined ? '–' : `${(median(times.torchN) / median(times.ours)).toFixed(2)}×`;
    iterationRows.push([`${size}²`, spread(times.ours, 3), spread(times.torch1, 3), spread(times.torchN, 3), vs]);
    console.log(iterationRows.at(-1)!.join(' | '));
  }

  const runRows = wholeRunRows(torch !== undefined);

  const peerText =
    torch === undefined
      ? 'PyTorch not installed'
      : `PyTorch ${torch} on ${blas}${/reference/.test(blas) ? ' (not what users have: install libopenblas0-pthread)' : ''}`;
  writeReadmeSection(
    'native',
    `${table(iterationRows)}\n\n${table(runRows)}\n\n` +
      `${machine()}; ${peerText}. Our whole runs have one shift and 100 iterations, the peer's objective, except the last, stylize's default, and start with NATIVE_MALLOC_ENV, as nst does, except the one with glibc's defaults. Median (min–max) of interleaved rounds: ${ROUNDS} for an iteration, 2 for a whole run below 2048 px, 1 at 2048. ` +
      `"ours vs PyTorch" above 1× means ours is faster; "ours ÷ PyTorch" is the share of PyTorch's time ours takes.`,
  );
}

const [mode = 'readme', ...rest] = process.argv.slice(2);
if (mode === 'child') await child(Number(rest[0]), Number(rest[1]), rest[2] === 'default' ? 'default' : 'peer');
else if (mode === 'readme') await readme();
else throw new Error(`mode ${mode}: choose readme or child`);
