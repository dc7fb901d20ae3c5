/**
 * The `nst` command. Everything a user can get wrong ends here as one line on stderr and a
 * non-zero exit code; only a bug prints a stack trace.
 */
import { fileURLToPath } from 'node:url';
import {
  type BackendReport,
  defaultNetwork,
  type FeatureNetwork,
  initBackend,
  loadVgg19,
  NstError,
  stylize,
  tf,
} from '@nst/core';
import { CliError } from './cli-error.js';
import { convertVgg19, type Quantization } from './convert-vgg19.js';
import { type GalleryRow, writeContactSheet } from './gallery.js';
import { readImage, writeImage } from './image-file.js';
import { modelDirectory } from './model-directory.js';
import { progressPrinter } from './progress-bar.js';
import { parseStylizeArgs, STYLIZE_USAGE } from './stylize-args.js';

const USAGE = `nst: neural style transfer, offline.

${STYLIZE_USAGE}

Usage: nst gallery [-o docs/gallery.png] [--size N] [--iterations N]
  Styles each bundled photo with a bundled painting and writes a contact sheet.

Usage: nst convert-vgg19 <vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5> -o <dir> [--quantize float16|uint8]
  Converts Keras's VGG-19 weights into a model directory for --network.`;

const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));

function describeBackend(report: BackendReport): string {
  const adapter = report.adapter ? ` (${[report.adapter.vendor, report.adapter.device || report.adapter.description].filter(Boolean).join(' ')})` : '';
  const skipped = report.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  return `backend: ${report.backend}${adapter}${skipped ? ` — skipped ${skipped}` : ''}`;
}

async function network(spec: string): Promise<FeatureNetwork> {
  return spec === 'default' ? defaultNetwork() : loadVgg19(modelDirectory(spec));
}

async function stylizeCommand(argv: readonly string[]): Promise<void> {
  const args = parseStylizeArgs(argv);
  const [content, ...styles] = await Promise.all([readImage(args.content), ...args.styles.map((s) => readImage(s.path))]);
  const report = await initBackend({ backend: args.backend });
  process.stderr.write(`${describeBackend(report)}\n`);
  const net = await network(args.network);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const bar = progressPrinter(process.stderr);
  try {
    const result = await stylize({
      content: content!,
      styles: styles.map((image, i) => ({ image, weight: args.styles[i]!.weight })),
      network: net,
      maxSize: args.size,
      iterations: args.iterations,
      optimizer: args.optimizer,
      preserveColors: args.preserveColors,
      recolour: args.recolour,
      signal: controller.signal,
      onProgress: (p) => bar.update(p),
      ...(args.contentWeight !== undefined ? { contentWeight: args.contentWeight } : {}),
      ...(args.styleWeight !== undefined ? { styleWeight: args.styleWeight } : {}),
      ...(args.tvWeight !== undefined ? { tvWeight: args.tvWeight } : {}),
      ...(args.styleScale !== undefined ? { styleScale: args.styleScale } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.init !== undefined ? { init: args.init } : {}),
      ...(args.styleLayers !== undefined ? { styleLayers: args.styleLayers } : {}),
      ...(args.contentLayer !== undefined ? { contentLayer: args.contentLayer } : {}),
      workers: args.workers,
      ...(args.tileSize !== undefined ? { tileSize: args.tileSize } : {}),
    });
    bar.end();
    await writeImage(args.output, result);
    process.stdout.write(`wrote ${args.output} (${result.width}×${result.height})\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function galleryCommand(argv: readonly string[]): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ args: [...argv], options: { output: { type: 'string', short: 'o' }, size: { type: 'string' }, iterations: { type: 'string' } } });
  const output = values.output ?? 'docs/gallery.png';
  const size = Number(values.size ?? 256);
  const iterations = Number(values.iterations ?? 100);
  if (!Number.isInteger(size) || size < 16 || !Number.isInteger(iterations) || iterations < 1) throw new CliError('--size and --iterations must be whole numbers (size ≥ 16, iterations ≥ 1).', 2);
  process.stderr.write(`${describeBackend(await initBackend())}\n`);
  const pairs = [
    ['coffee.png', 'van-gogh-night-cafe.png'],
    ['chelsea-cat.png', 'van-gogh-langlois-bridge.png'],
  ] as const;
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
  const { parseArgs } = await import('node:util');
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { output: { type: 'string', short: 'o' }, quantize: { type: 'string' } } });
  if (positionals.length !== 1 || values.output === undefined) throw new CliError('Usage: nst convert-vgg19 <weights_notop.h5> -o <dir> [--quantize float16|uint8]', 2);
  const quantization = values.quantize ?? 'float32';
  if (!['float32', 'float16', 'uint8'].includes(quantization)) throw new CliError(`--quantize ${quantization}: choose float16 or uint8.`, 2);
  const files = await convertVgg19(positionals[0]!, values.output, quantization as Quantization);
  process.stdout.write(`wrote ${files.join(', ')}\n`);
}

/** Runs `nst` with `argv` (without node and the script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  tf.enableProdMode(); // tfjs's Node advice (install tfjs-node) does not apply: it cannot install offline
  const [command, ...rest] = argv;
  try {
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
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command '${command}'; run nst --help.`, 2);
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof NstError) {
      process.stderr.write(`\nnst: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    if (error instanceof TypeError && /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(`${error.message} ${String((error as { code?: string }).code)}`)) {
      process.stderr.write(`nst: ${error.message}; run nst --help.\n`);
      return 2;
    }
    throw error;
  }
}
