/**
 * The `nst` command. Everything a user can get wrong ends here as one line on stderr and a
 * non-zero exit code; only a bug prints a stack trace.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  type BackendReport,
  CancelledError,
  createStylizer,
  describeBackend,
  estimateBatchSeconds,
  estimateStylizeSeconds,
  type RgbaImage,
  initBackend,
  inLanes,
  MAX_IMAGE_SIDE,
  measureStylizeSpeed,
  NstError,
  stylize,
  scheduleWork,
  tf,
} from '@nst/core';
import { assertOutputWritable } from './assert-output-writable.js';
import { assertOutputsSpareInputs, modelFiles } from './assert-outputs-spare-inputs.js';
import { CliError, StoppedError } from './cli-error.js';
import { fileSystemError, isErrnoError } from './file-system-error.js';
import { type CommandOptions, EXIT_CODES, parseCommandLine, wantsHelp } from './command-line.js';
import { convertVgg19, type Quantization } from './convert-vgg19.js';
import { type GalleryRow, writeContactSheet } from './gallery.js';
import { imageSize, readImage, writeImage } from './image-file.js';
import { sizeNotice } from './size-notice.js';
import { inFlagWords } from './in-flag-words.js';
import { nearestName } from './nearest-name.js';
import { networkFromFlag, WEIGHT_FILES } from './network-flag.js';
import { aboutDuration, progressPrinter } from './progress-bar.js';
import { MAX_ITERATIONS, parseStylizeArgs, type StylizeArgs, STYLIZE_USAGE } from './stylize-args.js';

/** The CLI's version: its package.json's, beside `dist/` (and `src/`). */
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** onnxruntime-node as the CLI resolves it: a global install keeps @nst/core apart, where it is not. */
const loadOnnxRuntime = (): Promise<unknown> => import('onnxruntime-node');

const GALLERY_USAGE = `Usage: nst gallery [-o docs/gallery.png] [--size N] [--iterations N]
  Styles each bundled photo with a bundled painting and writes a contact sheet.
  -o, --output FILE    the contact sheet (default docs/gallery.png)
  --size N             longest side of each result, 16 to 4096 (default 256); a smaller sample is not enlarged
  --iterations N       optimisation steps, 2 to 100000 (default 100)
  -h, --help           this help`;

const GALLERY_OPTIONS = {
  output: { type: 'string', short: 'o' },
  size: { type: 'string' },
  iterations: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies CommandOptions;

const CONVERT_USAGE = `Usage: nst convert-vgg19 <weights file> -o <dir> [--quantize float16|uint8]
  Converts ${WEIGHT_FILES}
  into a compact model directory for --network (only the conv layers style transfer uses).
  The format is told by the file's content, whatever its name: imagenet-vgg-verydeep-19.mat (the course's),
  a torchvision .pth saved by PyTorch 1.6 or later, VGG_ILSVRC_19_layers.caffemodel, Keras's …_notop.h5.
  -o, --output DIR     the model directory to write (model.json and its weight shards)
  --quantize float16|uint8   smaller weights (default: float32)
  -h, --help           this help`;

const CONVERT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  quantize: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies CommandOptions;

const COMMANDS = {
  stylize: STYLIZE_USAGE,
  gallery: GALLERY_USAGE,
  'convert-vgg19': CONVERT_USAGE,
} as const;

const USAGE = `nst ${VERSION}: neural style transfer, offline.

Usage: nst <command> [options]
  stylize        style a photo with one or more paintings
  gallery        style the bundled photos, write a contact sheet
  convert-vgg19  convert VGG-19 weights (.pth, .mat, .caffemodel, .h5) for --network
  nst <command> --help   the command's options;  nst --version   the version

${Object.values(COMMANDS).join('\n\n')}

${EXIT_CODES}`;

const isCommand = (word: string | undefined): word is keyof typeof COMMANDS => word !== undefined && Object.hasOwn(COMMANDS, word);

const commandHelp = (command: keyof typeof COMMANDS) => `${COMMANDS[command]}\n\n${EXIT_CODES}\n`;

const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

/** The backend line on stderr: "backend: webgpu (nvidia RTX 4090) — skipped …", named as --backend names it. */
function backendLine(report: BackendReport): string {
  const skipped = report.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  return `backend: ${describeBackend(report, (backend) => backend)}${skipped ? ` — skipped ${skipped}` : ''}`;
}

/** Pixel-iterations above which a run is long enough to be worth a second's measurement (~20 s on wasm). */
const LONG_RUN_WORK = 4e6;

/** Before any work: no output replaces an input, and every output can be written. */
async function checkOutputs(args: StylizeArgs): Promise<void> {
  await assertOutputsSpareInputs(
    args.jobs.map((job) => job.output),
    [
      ...args.jobs.map((job) => ({ path: job.content, role: 'the photo' })),
      ...args.styles.map((style) => ({ path: style.path, role: 'the --style image' })),
      ...(args.network === 'default' ? [] : await modelFiles(args.network)),
    ],
  );
  for (const job of args.jobs) await assertOutputWritable(job.output);
}

/** stylize()'s options for `content` from the command line's, less the signal and progress. */
function stylizeOptions<C extends { readonly width: number; readonly height: number }>(
  args: StylizeArgs,
  styles: readonly RgbaImage[],
  content: C,
) {
  return {
    content,
    styles: styles.map((image, i) => ({ image, weight: args.styles[i]!.weight })),
    maxSize: args.size,
    ...(args.iterations !== undefined ? { iterations: args.iterations } : {}),
    optimizer: args.optimizer,
    preserveColors: args.preserveColors,
    recolour: args.recolour,
    ...(args.contentWeight !== undefined ? { contentWeight: args.contentWeight } : {}),
    ...(args.styleWeight !== undefined ? { styleWeight: args.styleWeight } : {}),
    ...(args.tvWeight !== undefined ? { tvWeight: args.tvWeight } : {}),
    ...(args.styleScale !== undefined ? { styleScale: args.styleScale } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.init !== undefined ? { init: args.init } : {}),
    ...(args.styleLayers !== undefined ? { styleLayers: args.styleLayers } : {}),
    ...(args.contentLayer !== undefined ? { contentLayer: args.contentLayer } : {}),
  };
}

/**
 * `nst stylize`: one photo, or a batch into a folder. The styles and the network are read once,
 * and one stylizer serves every photo: one pool of workers, each style's Grams computed once per
 * size, and as many photos at once as there are workers (a photo over about 1000 px runs alone,
 * its tiles spread instead; see createStylizer). In a batch a photo that fails (unreadable, refused by stylize) is
 * reported and skipped, and the command fails at the end, naming them. Ctrl-C stops the whole
 * run; nothing half-written is left, and a batch says which photos were written.
 */
async function stylizeCommand(argv: readonly string[]): Promise<void> {
  const args = parseStylizeArgs(argv);
  const total = args.jobs.length;
  await checkOutputs(args);
  for (const notice of args.notices) process.stderr.write(`nst: ${notice}\n`);
  // One photo is read before the backend starts, so that a bad file is the only thing said.
  const [only, styles] = await Promise.all([
    total === 1 ? readImage(args.jobs[0]!.content, { fitWithin: args.size }) : undefined,
    Promise.all(args.styles.map((s) => readImage(s.path))),
  ]);
  const report = await initBackend({ backend: args.backend, onnxRuntime: loadOnnxRuntime });
  process.stderr.write(`${backendLine(report)}\n`);
  const net = await networkFromFlag(args.network);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressPrinter(process.stderr);
  const failed: string[] = [];
  const tiling = { workers: args.workers, ...(args.tileSize !== undefined ? { tileSize: args.tileSize } : {}) };
  const stylizer = createStylizer({ network: net, ...tiling });
  const optionsFor = <C extends { readonly width: number; readonly height: number }>(content: C) => stylizeOptions(args, styles, content);
  const written: string[] = [];
  try {
    // Before a long run, say how long: the schedule's work at a speed measured here (about a second).
    const sizes = only !== undefined ? [only] : await Promise.all(args.jobs.map((job) => imageSize(job.content)));
    const schedules = sizes.flatMap((size) => (size === undefined ? [] : [{ ...optionsFor(size), ...tiling, network: net }]));
    const work = schedules.reduce((sum, o) => sum + scheduleWork(o), 0);
    if (work >= LONG_RUN_WORK) {
      const speed = await measureStylizeSpeed(net);
      const seconds = total === 1 ? estimateStylizeSeconds(schedules[0]!, speed) : estimateBatchSeconds(schedules, speed);
      process.stderr.write(`Estimated time: ${aboutDuration(seconds)} on this machine.\n`);
    }
    const started = performance.now();
    const fractions = args.jobs.map(() => 0);
    await inLanes(args.jobs, args.workers, async (job, index) => {
      if (total > 1) process.stderr.write(`(${index + 1}/${total}) ${job.content}\n`);
      try {
        const content = only ?? (await readImage(job.content, { fitWithin: args.size }));
        const result = await stylizer.stylize({
          ...optionsFor(content),
          signal: controller.signal,
          // In a batch, bar and time left are the whole batch's. (stylize turns the event loop between
          // iterations when given a signal, so the SIGINT handler runs.)
          onProgress: (p) => {
            fractions[index] = p.fraction;
            const fraction = fractions.reduce((a, b) => a + b, 0) / total;
            bar.update(total === 1 ? p : { ...p, fraction, elapsedMs: performance.now() - started });
          },
        });
        fractions[index] = 1;
        await writeImage(job.output, result);
        written.push(job.output);
        bar.end();
        const notice = args.sizeGiven ? sizeNotice(job.content, content, args.size) : undefined;
        if (notice !== undefined) process.stderr.write(`nst: ${notice}\n`);
        process.stdout.write(`wrote ${job.output} (${result.width}×${result.height})\n`);
      } catch (raw) {
        fractions[index] = 1;
        const error = inFlagWords(raw, args, job.content);
        const skippable =
          (error instanceof CliError && error.exitCode !== 2) || (error instanceof NstError && !(error instanceof CancelledError));
        if (total === 1 || !skippable) {
          controller.abort(); // the other photos stop too
          throw error;
        }
        bar.end();
        failed.push(job.content);
        process.stderr.write(`nst: ${error.message} Skipped.\n`);
      }
    });
  } catch (error) {
    if (error instanceof CancelledError && written.length > 0) throw new StoppedError(written, total);
    throw inFlagWords(error, args);
  } finally {
    process.off('SIGINT', onSigint);
    await stylizer.dispose();
  }
  if (failed.length > 0) throw new CliError(`${failed.length} of ${total} photos failed (${failed.join(', ')}); the others were written.`);
}

async function galleryCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, GALLERY_OPTIONS, GALLERY_USAGE);
  if (positionals.length > 0) throw new CliError(`nst gallery takes no file arguments, not '${positionals[0]}'.\n${GALLERY_USAGE}`, 2);
  const output = values.output ?? 'docs/gallery.png';
  const size = Number(values.size ?? 256);
  const iterations = Number(values.iterations ?? 100);
  if (
    !Number.isInteger(size) ||
    size < 16 ||
    size > MAX_IMAGE_SIDE ||
    !Number.isInteger(iterations) ||
    iterations < 2 ||
    iterations > MAX_ITERATIONS
  )
    throw new CliError(
      `--size and --iterations must be whole numbers (size 16 to ${MAX_IMAGE_SIDE}, iterations 2 to ${MAX_ITERATIONS}).`,
      2,
    );
  const pairs = [
    ['coffee.png', 'van-gogh-night-cafe.png'],
    ['chelsea-cat.png', 'van-gogh-langlois-bridge.png'],
  ] as const;
  await assertOutputsSpareInputs(
    [output],
    pairs.flat().map((name) => ({ path: SAMPLES + name, role: 'a bundled sample' })),
  );
  await assertOutputWritable(output);
  process.stderr.write(`${backendLine(await initBackend({ onnxRuntime: loadOnnxRuntime }))}\n`);
  const rows: GalleryRow[] = [];
  for (const [contentFile, styleFile] of pairs) {
    const [content, style] = await Promise.all([readImage(SAMPLES + contentFile), readImage(SAMPLES + styleFile)]);
    process.stderr.write(`${contentFile} × ${styleFile}\n`);
    const bar = progressPrinter(process.stderr);
    const result = await stylize({ content, styles: [{ image: style }], maxSize: size, iterations, onProgress: (p) => bar.update(p) });
    bar.end();
    rows.push({ content, style, result });
  }
  await writeContactSheet(output, rows);
  process.stdout.write(`wrote ${output}\n`);
}

async function convertCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, CONVERT_OPTIONS, CONVERT_USAGE);
  if (positionals.length !== 1 || values.output === undefined)
    throw new CliError(`Give one VGG-19 weights file and the output directory with -o.\n${CONVERT_USAGE}`, 2);
  const quantization = values.quantize ?? 'float32';
  if (!['float32', 'float16', 'uint8'].includes(quantization))
    throw new CliError(`--quantize ${quantization}: choose float16 or uint8.`, 2);
  const files = await convertVgg19(positionals[0]!, values.output, quantization as Quantization);
  process.stdout.write(`wrote ${files.join(', ')}\n`);
}

const suggestCommand = (word: string) => {
  const near = nearestName(word, Object.keys(COMMANDS));
  return near !== undefined ? ` (did you mean '${near}'?)` : '';
};

/** Runs `nst` with `argv` (without node and the script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  tf.enableProdMode(); // tfjs's Node advice (install tfjs-node) does not apply: it cannot install offline
  const [command, ...rest] = argv;
  try {
    if (isCommand(command) && wantsHelp(rest)) {
      process.stdout.write(commandHelp(command));
      return 0;
    }
    switch (command) {
      case 'stylize':
        await stylizeCommand(rest);
        return 0;
      case 'gallery':
        await galleryCommand(rest);
        return 0;
      case 'convert-vgg19':
        await convertCommand(rest);
        return 0;
      case '--version':
      case '-V':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case '-h':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'help': {
        const topic = rest[0];
        if (topic !== undefined && !isCommand(topic))
          throw new CliError(`no command '${topic}'${suggestCommand(topic)}; run nst --help.`, 2);
        process.stdout.write(isCommand(topic) ? commandHelp(topic) : `${USAGE}\n`);
        return 0;
      }
      case undefined:
        process.stderr.write(`${USAGE}\n`);
        return 2;
      default:
        throw new CliError(`unknown command '${command}'${suggestCommand(command)}; run nst --help.`, 2);
    }
  } catch (error) {
    if (error instanceof CancelledError) {
      process.stderr.write(`\nnst: stopped; nothing was written.\n`);
      return 130;
    }
    // A file system error this code did not expect (convert-vgg19's output, say) is still the user's to fix.
    const known = isErrnoError(error) && error.path !== undefined ? fileSystemError(error.path, error, 'use') : error;
    if (known instanceof CliError || known instanceof NstError) {
      process.stderr.write(`\nnst: ${known.message}\n`);
      return known instanceof CliError ? known.exitCode : 1;
    }
    throw error;
  }
}
