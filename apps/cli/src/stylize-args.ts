import { availableParallelism } from 'node:os';
import { basename, extname, join, sep } from 'node:path';
import { BACKENDS, type BackendName, LARGE_ITERATIONS_SIDE, LARGE_RESULT_ITERATIONS, MAX_IMAGE_SIDE } from '@nst/core';
import { CliError } from './cli-error.js';
import { type CommandOptions, parseCommandLine } from './command-line.js';
import { assertWritableImagePath } from './image-file.js';

/** `nst stylize` as parsed from the command line, before any file is read. */
export interface StylizeArgs {
  /** Each photo and the file its result goes to: one, or a batch into a folder. */
  readonly jobs: readonly { readonly content: string; readonly output: string }[];
  readonly styles: readonly { readonly path: string; readonly weight: number }[];
  readonly size: number;
  /** Whether `--size` was given (a photo smaller than it is then worth a word). */
  readonly sizeGiven: boolean;
  /** `--iterations`; absent, @nst/core's default for the result's size. */
  readonly iterations?: number;
  readonly optimizer: 'lbfgs' | 'adam';
  readonly contentWeight?: number;
  readonly styleWeight?: number;
  readonly tvWeight?: number;
  readonly styleScale?: number;
  readonly preserveColors: boolean;
  readonly recolour: boolean;
  readonly seed?: number;
  readonly init?: 'content' | 'noise';
  readonly backend: BackendName | 'auto';
  readonly network: string;
  readonly styleLayers?: Record<string, number>;
  readonly contentLayer?: string;
  /** Threads evaluating tiles; default: every core, and never more. */
  readonly workers: number;
  readonly tileSize?: number;
  /** What the command should say before it starts: a value it changed (more workers than cores). */
  readonly notices: readonly string[];
}

/** `--style-scale`'s range: below, the painting's marks are lost; above, its size costs memory and time for nothing. */
export const STYLE_SCALE_RANGE = [0.1, 4] as const;

/** `--iterations`' largest value, as @nst/core's. */
export const MAX_ITERATIONS = 100_000;

export const STYLIZE_USAGE = `Usage: nst stylize <content> --style <image>[=weight] ... -o <out.png|.jpg|.webp>
       nst stylize <content> <content> ... --style <image> -o <folder>/   (a batch: <folder>/<name>.png each;
                       a photo that fails is reported and skipped, the rest go on)
  --size N             longest side of the result, 16 to ${MAX_IMAGE_SIDE} (default 384); a smaller photo is
                       never enlarged: the result keeps the photo's size, and nst says so when --size is given
  --iterations N       optimisation steps, 1 to ${MAX_ITERATIONS}, 2 or more with lbfgs (default 100; ${LARGE_RESULT_ITERATIONS} for
                       a result of ${LARGE_ITERATIONS_SIDE} px or more)
  --optimizer lbfgs|adam
  --content-weight α   --style-weight β   --tv-weight w   (each relative: defaults 0.3, 1, 0.003)
  --style-scale s      brush size: the painting's size relative to the result, ${STYLE_SCALE_RANGE.join(' to ')},
                       and the painting at most ${MAX_IMAGE_SIDE} px (--size × s) (default 1)
  --no-recolour        start from the photo's own colours, not the painting's palette
  --style-layers conv1_1=1,conv2_1=0.5   --content-layer conv2_2
  --preserve-colors    keep the content's colours, transfer brush strokes only
  --init content|noise --seed N
  --backend auto|${BACKENDS.join('|')}
                       auto: a hardware GPU, else native (ONNX Runtime's CPU kernels, every core), else wasm
  --network default|<VGG-19 weights: .pth, .mat, .caffemodel or .h5, or a folder made by nst convert-vgg19>
                       VGG-19 uses Gatys et al.'s layers: content conv4_2, style conv1_1 … conv5_1, equal λ
  --tile-size N        larger images are evaluated in tiles of N px, 16 to ${MAX_IMAGE_SIDE}: memory bounded by the tile
                       (default 1024 on native, else 256)
  --workers N          threads: native's threads, or wasm/cpu worker threads for the tiles; in a batch,
                       photos at once. 1 to the number of cores (${availableParallelism()} here), more are cut to that
                       (default: every core)
  -h, --help           this help`;

const usage = (message: string) => new CliError(`${message}\n${STYLIZE_USAGE}`, 2);

/** What {@link number} accepts: a whole number or any, from `min` to `max`. */
interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}

function number(
  name: string,
  text: string | undefined,
  { integer = false, min = -Infinity, max = Infinity }: NumberRule = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    const range = max < Infinity ? ` from ${min} to ${max}` : min > -Infinity ? ` ≥ ${min}` : '';
    throw usage(`--${name} ${JSON.stringify(text)} is not ${integer ? 'a whole number' : 'a number'}${range}.`);
  }
  return value;
}

/** `--workers`, at most the number of cores (more only queue for them, each with its own memory), and what to say when cut. */
function workers(text: string | undefined): { workers: number; notices: string[] } {
  const cores = availableParallelism();
  const asked = number('workers', text, { integer: true, min: 1 }) ?? cores;
  if (asked <= cores) return { workers: asked, notices: [] };
  return { workers: cores, notices: [`--workers ${asked} is more than this machine's ${cores} cores; using ${cores}.`] };
}

/** `--style-scale`, in {@link STYLE_SCALE_RANGE} and with the painting at most {@link MAX_IMAGE_SIDE} px at `size`. */
function styleScale(text: string | undefined, size: number): number | undefined {
  const [min, max] = STYLE_SCALE_RANGE;
  const scale = number('style-scale', text, { min, max });
  if (scale !== undefined && size * scale > MAX_IMAGE_SIDE) {
    throw usage(
      `--style-scale ${scale} with --size ${size} would scale the painting to ${Math.round(size * scale)} px; ` +
        `the largest is ${MAX_IMAGE_SIDE}: lower one of them.`,
    );
  }
  return scale;
}

/** `path=weight` or `path`: the weight is taken only when what follows the last '=' is a number. */
export function parseStyleSpec(spec: string): { path: string; weight: number } {
  const at = spec.lastIndexOf('=');
  if (at > 0) {
    const weight = Number(spec.slice(at + 1));
    if (spec.slice(at + 1).trim() !== '' && Number.isFinite(weight)) {
      if (weight <= 0) throw usage(`--style ${spec}: the weight must be > 0.`);
      return { path: spec.slice(0, at), weight };
    }
  }
  return { path: spec, weight: 1 };
}

function layerWeights(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  return Object.fromEntries(
    text.split(',').map((part) => {
      const [name = '', weight = '1'] = part.split('=');
      const value = Number(weight);
      if (name.trim() === '' || !Number.isFinite(value) || value < 0)
        throw usage(`--style-layers: '${part}' is not layer=weight with a weight ≥ 0.`);
      return [name.trim(), value];
    }),
  );
}

/** The options of `nst stylize`, as `parseArgs` takes them; {@link STYLIZE_USAGE} explains each. */
export const STYLIZE_OPTIONS = {
  style: { type: 'string', short: 's', multiple: true },
  output: { type: 'string', short: 'o' },
  size: { type: 'string' },
  iterations: { type: 'string' },
  optimizer: { type: 'string' },
  'content-weight': { type: 'string' },
  'style-weight': { type: 'string' },
  'tv-weight': { type: 'string' },
  'style-scale': { type: 'string' },
  'style-layers': { type: 'string' },
  'content-layer': { type: 'string' },
  'preserve-colors': { type: 'boolean' },
  'no-recolour': { type: 'boolean' },
  seed: { type: 'string' },
  init: { type: 'string' },
  backend: { type: 'string' },
  network: { type: 'string' },
  workers: { type: 'string' },
  'tile-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies CommandOptions;

/**
 * Where each photo's result goes: `-o` is the file for one photo, or a folder (ending in `/`, or
 * with no extension) that gets `<name>.png` for each.
 */
function batchJobs(contents: readonly string[], output: string): { content: string; output: string }[] {
  const folder = output.endsWith('/') || output.endsWith(sep) || extname(output) === '';
  if (!folder) {
    if (contents.length > 1) throw usage(`${contents.length} photos need a folder for -o (end it in /), not the file ${output}.`);
    assertWritableImagePath(output);
    return [{ content: contents[0]!, output }];
  }
  const jobs = contents.map((content) => ({ content, output: join(output, `${basename(content, extname(content))}.png`) }));
  const seen = new Map<string, string>();
  for (const job of jobs) {
    const other = seen.get(job.output);
    if (other !== undefined)
      throw usage(`${other} and ${job.content} would both be written to ${job.output}; style them into separate folders.`);
    seen.set(job.output, job.content);
  }
  return jobs;
}

/** Parses the arguments after `nst stylize`. Throws a {@link CliError} with the usage on a mistake. */
export function parseStylizeArgs(argv: readonly string[]): StylizeArgs {
  const parsed = parseCommandLine(argv, STYLIZE_OPTIONS, STYLIZE_USAGE);
  const { values: v, positionals } = parsed;
  if (positionals.length === 0) throw usage('Give a content image.');
  if (v.style === undefined || v.style.length === 0) throw usage('Give at least one --style image.');
  if (v.output === undefined) throw usage('Give the output file with -o (a folder ending in / for several photos).');
  const jobs = batchJobs(positionals, v.output);
  const optimizer = v.optimizer ?? 'lbfgs';
  if (optimizer !== 'lbfgs' && optimizer !== 'adam') throw usage(`--optimizer ${optimizer}: choose lbfgs or adam.`);
  const iterations = number('iterations', v.iterations, { integer: true, min: 1, max: MAX_ITERATIONS });
  if (optimizer === 'lbfgs' && iterations !== undefined && iterations < 2)
    throw usage(
      `--iterations ${iterations} with lbfgs changes nothing (its first iteration only measures); give 2 or more, or --optimizer adam.`,
    );
  const backend = v.backend ?? 'auto';
  if (backend !== 'auto' && !(BACKENDS as readonly string[]).includes(backend))
    throw usage(`--backend ${backend}: choose auto, ${BACKENDS.join(', ')}.`);
  const init = v.init;
  if (init !== undefined && init !== 'content' && init !== 'noise') throw usage(`--init ${init}: choose content or noise.`);
  const optional = <K extends string, T>(key: K, value: T | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, T>));
  const size = number('size', v.size, { integer: true, min: 16, max: MAX_IMAGE_SIDE }) ?? 384;
  return {
    jobs,
    styles: v.style.map(parseStyleSpec),
    size,
    sizeGiven: v.size !== undefined,
    ...optional('iterations', iterations),
    optimizer,
    preserveColors: v['preserve-colors'] === true,
    recolour: v['no-recolour'] !== true,
    backend: backend as BackendName | 'auto',
    network: v.network ?? 'default',
    ...workers(v.workers),
    ...optional('tileSize', number('tile-size', v['tile-size'], { integer: true, min: 16, max: MAX_IMAGE_SIDE })),
    ...optional('contentWeight', number('content-weight', v['content-weight'], { min: 0 })),
    ...optional('styleWeight', number('style-weight', v['style-weight'], { min: 0 })),
    ...optional('tvWeight', number('tv-weight', v['tv-weight'], { min: 0 })),
    ...optional('styleScale', styleScale(v['style-scale'], size)),
    ...optional('seed', number('seed', v.seed, { integer: true, min: 0, max: 2 ** 31 - 1 })),
    ...optional('init', init),
    ...optional('styleLayers', layerWeights(v['style-layers'])),
    ...optional('contentLayer', v['content-layer']),
  };
}
