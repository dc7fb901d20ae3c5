/**
 * The quality study: styles the 20 sample pairs (4 photos × 5 styles of shared/images) with each
 * configuration at 256 px and 100 iterations on wasm, and scores every result with the critic of
 * @nst/quality, which shares no code with the network being optimised. Results are cached as PNGs
 * in the output folder, so a rerun only fills in what is missing; other folders of results (made by
 * an earlier version, say) are scored beside them with `label=dir`.
 *   node --import tsx bench/quality-study.ts [--out dir] [--configs a,b] [--pairs regex] [--sheet file.png] [label=dir …]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ConvNet,
  createDefaultNetwork,
  DEFAULT_ARCHITECTURE,
  imagenetPreprocess,
  initBackend,
  randomConvLayers,
  stylize,
  type StylizeOptions,
} from '@nst/core';
import { colourTransfer, critique, type Critique, fitImage, type Image } from '@nst/quality';
import { contactSheet } from '@nst/quality/contact-sheet';
import { loadImage, saveImage } from './bench-images.js';

const IMAGES = new URL('../../../../shared/images/', import.meta.url).pathname;
const PHOTOS = ['astronaut', 'chelsea-cat', 'coffee', 'rocket'];
const STYLES = ['van-gogh-cafe-terrace-at-night', 'van-gogh-night-cafe', 'van-gogh-langlois-bridge', 'brick-texture', 'gravel-texture'];
const SIZE = 256;

/** The embedded architecture with other pooling or padding, for the ablations. */
const variant = (pool: 'avg' | 'blur', padding: 'zero' | 'reflect') =>
  new ConvNet({
    name: `default (${pool} pooling, ${padding} padding)`,
    layers: randomConvLayers(
      DEFAULT_ARCHITECTURE.map((l) => ('pool' in l ? { name: l.name, pool } : l)),
      1,
    ),
    contentLayer: 'conv2_2',
    styleLayers: createDefaultNetwork().styleLayers,
    costWeights: createDefaultNetwork().costWeights,
    preprocess: imagenetPreprocess,
    padding,
  });

const ROUND_1_LAYERS = { conv1_1: 1, conv2_1: 1, conv3_1: 1, conv4_1: 1 };
const CONFIGS: Record<string, () => Partial<StylizeOptions>> = {
  after: () => ({}),
  // Round 1's defaults, and its ablations.
  'round-1': () => ({ styleLayers: ROUND_1_LAYERS, tvWeight: 0.03, stages: 2, carryDetail: false }),
  'no-recolour': () => ({ recolour: false }),
  'plain-gram': () => ({ centredGram: false }),
  'no-tv': () => ({ tvWeight: 0 }),
  'alpha-0.1': () => ({ contentWeight: 0.1 }),
  'alpha-1': () => ({ contentWeight: 1 }),
  'mirrored-borders': () => ({ network: variant('blur', 'reflect') }),
  '2x2-pooling': () => ({ network: variant('avg', 'zero') }),
  // Round 2: each undoes one of its choices.
  'four-layers': () => ({ styleLayers: ROUND_1_LAYERS }),
  'no-detail': () => ({ carryDetail: false }),
  'two-stages': () => ({ stages: 2 }),
  'three-stages': () => ({ stages: 3 }),
  'tv-0.01': () => ({ tvWeight: 0.01 }),
  'iterations-200': () => ({ iterations: 200 }),
  'content-conv3_2': () => ({ contentLayer: 'conv3_2' }),
  'small-stages-first': () => ({ stages: 3, iterations: 200, stageRatio: 2 }),
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, configs: { type: 'string' }, pairs: { type: 'string' }, sheet: { type: 'string' } },
});
const out = values.out ?? 'quality-study';
await mkdir(out, { recursive: true });
const configNames = (values.configs ?? 'after').split(',').filter((c) => c !== '');
const pairs = PHOTOS.flatMap((photo) => STYLES.map((style) => ({ photo, style, name: `${photo}+${style}` }))).filter((p) =>
  new RegExp(values.pairs ?? '').test(p.name),
);
const folders = new Map<string, string>([
  ...configNames.map((c) => [c, `${out}/${c}`] as const),
  ...positionals.map((p) => p.split('=', 2) as [string, string]),
]);

await initBackend({ backend: 'wasm' });
const seconds: Record<string, number[]> = {};
for (const name of configNames) {
  const config = CONFIGS[name];
  if (config === undefined) throw new Error(`No configuration '${name}'; there are ${Object.keys(CONFIGS).join(', ')}.`);
  await mkdir(`${out}/${name}`, { recursive: true });
  const options = config();
  for (const pair of pairs) {
    const file = `${out}/${name}/${pair.name}.png`;
    if (existsSync(file)) continue;
    const content = await loadImage(`${IMAGES}content/${pair.photo}.png`, 512);
    const style = await loadImage(`${IMAGES}style/${pair.style}.png`, 512);
    const started = performance.now();
    const result = await stylize({ content, styles: [{ image: style }], maxSize: SIZE, iterations: 100, ...options });
    (seconds[name] ??= []).push((performance.now() - started) / 1000);
    await saveImage(result, file);
    console.error(`${name} ${pair.name}: ${seconds[name]!.at(-1)!.toFixed(1)} s`);
  }
}

const KEYS = ['textureGain', 'colourGain', 'structure', 'edges'] as const;
const scores = new Map<string, Critique[]>();
const sheetRows = [];
for (const pair of pairs) {
  const style = await loadImage(`${IMAGES}style/${pair.style}.png`, 512);
  const photo = await loadImage(`${IMAGES}content/${pair.photo}.png`, SIZE);
  const results = new Map<string, Image>([
    ['photo', photo],
    ['colour transfer', colourTransfer(photo, fitImage(style, SIZE))],
  ]);
  for (const [label, folder] of folders) {
    const file = `${folder}/${pair.name}.png`;
    if (existsSync(file)) results.set(label, await loadImage(file));
  }
  for (const [label, result] of results) scores.set(label, [...(scores.get(label) ?? []), critique({ result, content: photo, style })]);
  sheetRows.push({
    label: pair.name,
    images: [{ image: fitImage(style, SIZE), caption: 'painting' }, ...[...results].map(([label, image]) => ({ image, caption: label }))],
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const lines = [
  `| result | pairs | texture gain ↑ | colour gain ↑ | SSIM to the photo ↑ | edge correlation ↑ | s/result |`,
  `|---|---|---|---|---|---|---|`,
  ...[...scores].map(([label, list]) => {
    const cells = KEYS.map((k) => `${mean(list.map((s) => s[k])).toFixed(3)} (${Math.min(...list.map((s) => s[k])).toFixed(3)})`);
    const time = seconds[label] ? mean(seconds[label]!).toFixed(1) : '–';
    return `| ${label} | ${list.length} | ${cells.join(' | ')} | ${time} |`;
  }),
];
console.log('Mean over the pairs (worst pair in brackets).\n');
console.log(lines.join('\n'));
if (values.sheet !== undefined) await writeFile(values.sheet, await contactSheet(sheetRows, { cell: 160 }));
// Per pair, for the record.
await writeFile(
  `${out}/scores.tsv`,
  [...scores]
    .flatMap(([label, list]) => list.map((s, i) => [label, pairs[i]!.name, ...KEYS.map((k) => s[k].toFixed(4))].join('\t')))
    .join('\n') + '\n',
);
