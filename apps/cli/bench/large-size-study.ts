/**
 * The large-size study (issue 20): styles 8 large public-domain / CC0 photos, each with a painting
 * scan, at one working size with each configuration, as the CLI runs them (the backend `auto` picks,
 * native where onnxruntime-node is installed, every core), and scores every result with
 * @nst/quality's critic at the painting's scale. Results are cached as PNGs with their times, so a
 * rerun only fills in what is missing. The sheet shows each result whole, then 1:1 crops. On Linux it
 * relaunches itself with NATIVE_MALLOC_ENV, as `nst` does, so that its times are the CLI's.
 * Fetch the images first: scripts/large-images/fetch-large-images.sh (into out/large-images).
 *   node --import tsx bench/large-size-study.ts --size 1024 [--configs a,b] [--pairs regex] [--sheet file.jpg]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { ConvNet, createDefaultNetwork, initBackend, type LargeStyleLayers, stylize, type StylizeOptions } from '@nst/core';
import { colourTransfer, critique, type Critique, cropImage, fitImage, type Image, paintingScale } from '@nst/quality';
import { contactSheet } from '@nst/quality/contact-sheet';
import { loadImage, saveImage } from './bench-images.js';
import { relaunchWithMallocEnv, shouldRelaunch } from '../src/relaunch-with-malloc-env.js';

if (shouldRelaunch(process.platform, process.env)) {
  const ended = await relaunchWithMallocEnv();
  process.exit(typeof ended === 'number' ? ended : 1);
}

const ROOT = new URL('../../../', import.meta.url).pathname;
const LARGE = `${ROOT}out/large-images/`;
const SHARED = `${ROOT}../shared/images/style/`;

/** Photo, painting, and where (as shares of the width and height) the 1:1 crop is centred. */
const PAIRS = [
  { photo: 'photo-seeding-engelhardt.jpg', painting: `${SHARED}van-gogh-night-cafe.png`, crop: [0.5, 0.5] },
  { photo: 'landscape-beach-bw.png', painting: `${LARGE}painting-morisot-bois-de-boulogne.jpg`, crop: [0.5, 0.6] },
  { photo: 'interior-aquarium-bw.png', painting: `${LARGE}painting-hashiguchi-ducks.jpg`, crop: [0.5, 0.45] },
  { photo: 'interior-cinema-bw.png', painting: `${SHARED}van-gogh-cafe-terrace-at-night.png`, crop: [0.5, 0.5] },
  { photo: 'animal-cat-by-tv-bw.png', painting: `${LARGE}painting-morisot-garden-at-bougival.jpg`, crop: [0.45, 0.55] },
  { photo: 'product-tv-in-leaves-bw.png', painting: `${SHARED}van-gogh-langlois-bridge.png`, crop: [0.5, 0.5] },
  { photo: 'product-motherboard-bw.png', painting: `${LARGE}painting-morisot-hollyhocks.jpg`, crop: [0.5, 0.5] },
  { photo: 'aerial-earth-day-nasa.jpg', painting: `${LARGE}painting-morisot-villa-orange-trees.jpg`, crop: [0.3, 0.4] },
].map((p) => ({ ...p, name: `${p.photo.replace(/\..*$/, '')}+${p.painting.replace(/^.*\/|\..*$/g, '')}` }));

/** The defaults before issue 20, written out so that they stay what they were. */
const BEFORE: Partial<StylizeOptions> = {
  styleLayers: { conv1_1: 2, conv2_1: 2 },
  stageRatio: 1,
  enlargeStyle: true,
  styleLevelSide: 0,
  shifts: 1,
};
/** The embedded network with deeper style layers at large stages: conv3_1 from 512 px, conv4_1 from 1024 px. */
const DEEP: LargeStyleLayers[] = [
  { fromSide: 512, layers: { conv1_1: 2, conv2_1: 2, conv3_1: 1 } },
  { fromSide: 1024, layers: { conv1_1: 2, conv2_1: 2, conv3_1: 1, conv4_1: 1 } },
];
const embedded = createDefaultNetwork();
if (!(embedded instanceof ConvNet)) throw new Error('The embedded network is no longer a ConvNet.');
const deepNetwork = new ConvNet({ ...embedded.spec, largeStyleLayers: DEEP });
const DEEP_LAYERS: Partial<StylizeOptions> = { network: deepNetwork, stageRatio: 1, enlargeStyle: true, styleLevelSide: 0, shifts: 1 };
/** The style layers shifted one block deeper per doubling from 512 px: each sees the marks at the share of the image conv1_1 and conv2_1 see at 256 px. */
const SHIFTED: LargeStyleLayers[] = [
  { fromSide: 512, layers: { conv2_1: 2, conv3_1: 2 } },
  { fromSide: 1024, layers: { conv3_1: 2, conv4_1: 2 } },
];
const shiftedNetwork = new ConvNet({ ...embedded.spec, largeStyleLayers: SHIFTED });
const CONFIGS: Record<string, Partial<StylizeOptions>> = {
  before: BEFORE,
  'ratio-2': { ...BEFORE, stageRatio: 2 },
  'ratio-0.7': { ...BEFORE, stageRatio: 0.7 },
  'three-layers': { ...BEFORE, styleLayers: { conv1_1: 2, conv2_1: 2, conv3_1: 1 } },
  'no-enlarge': { ...BEFORE, enlargeStyle: false },
  'deep-layers': DEEP_LAYERS,
  'deep-no-enlarge': { ...DEEP_LAYERS, enlargeStyle: false },
  'deep-layers-ratio-1.5': { ...DEEP_LAYERS, stageRatio: 1.5 },
  'shift-layers': { network: shiftedNetwork, stageRatio: 1, enlargeStyle: true, styleLevelSide: 0, shifts: 1 },
  'shift-layers-tv': { network: shiftedNetwork, stageRatio: 1, enlargeStyle: true, styleLevelSide: 0, shifts: 1, tvWeight: 0.01 },
  // What stylize() does now, whatever its defaults are.
  after: {},
  // The defaults of stop 29 (deep-no-enlarge) with three times the iterations: what the native engine's speed buys.
  'after-300': { iterations: 300, styleLevelSide: 0, shifts: 1 },
  // The defaults of stop 29: deep layers at large stages, the painting never enlarged, no style levels, no shifts.
  'no-levels': { styleLevelSide: 0, shifts: 1 },
  // The painting matched on the stage's image halved too, while the halved side is at least 512 (or 256) px.
  'levels-512': { styleLevelSide: 512, shifts: 1 },
  'levels-256': { styleLevelSide: 256, shifts: 1 },
  // Every stage's objective (of a result of 512 px or more) averaged over 2 (or 4) diagonal shifts of its image: against the strides' mesh.
  'shifts-2': { shifts: 2, styleLevelSide: 0 },
  'shifts-4': { shifts: 4, styleLevelSide: 0 },
  // With the mesh gone, do more iterations (or a heavier style term) now buy the painting's marks?
  'shifts-2-150': { shifts: 2, styleLevelSide: 0, iterations: 150 },
  'shifts-2-200': { shifts: 2, styleLevelSide: 0, iterations: 200 },
  'shifts-2-style-3': { shifts: 2, styleLevelSide: 0, styleWeight: 3 },
};

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1024' },
    out: { type: 'string', default: `${ROOT}out/large-study` },
    configs: { type: 'string', default: 'before' },
    pairs: { type: 'string', default: '' },
    sheet: { type: 'string' },
    crop: { type: 'string', default: '320' },
  },
});
const size = Number(values.size);
const out = `${values.out}/${size}`;
const configNames = values.configs.split(',').filter((c) => c !== '');
const pairs = PAIRS.filter((p) => new RegExp(values.pairs).test(p.name));
const timesFile = `${out}/times.json`;
const times: Record<string, number> = existsSync(timesFile) ? JSON.parse(await readFile(timesFile, 'utf8')) : {};

const report = await initBackend({ onnxRuntime: () => import('onnxruntime-node') });
console.error(`backend: ${report.backend}`);
for (const name of configNames) {
  const config = CONFIGS[name];
  if (config === undefined) throw new Error(`No configuration '${name}'; there are ${Object.keys(CONFIGS).join(', ')}.`);
  await mkdir(`${out}/${name}`, { recursive: true });
  for (const pair of pairs) {
    const file = `${out}/${name}/${pair.name}.png`;
    if (existsSync(file)) continue;
    const [content, style] = await Promise.all([loadImage(`${LARGE}${pair.photo}`, size), loadImage(pair.painting)]);
    const started = performance.now();
    const result = await stylize({ content, styles: [{ image: style }], maxSize: size, workers: availableParallelism(), ...config });
    times[`${name}/${pair.name}`] = (performance.now() - started) / 1000;
    await saveImage(result, file);
    await writeFile(timesFile, JSON.stringify(times, null, 1));
    console.error(`${size} ${name} ${pair.name}: ${times[`${name}/${pair.name}`]!.toFixed(1)} s`);
  }
}

/** A 1:1 crop of `image` around the share `at` of its width and height. */
const cropAt = (image: Image, at: readonly number[], side: number) => {
  const w = Math.min(side, image.width);
  const h = Math.min(side, image.height);
  const x = Math.min(image.width - w, Math.max(0, Math.round(at[0]! * image.width - w / 2)));
  const y = Math.min(image.height - h, Math.max(0, Math.round(at[1]! * image.height - h / 2)));
  return cropImage(image, x, y, w, h);
};

const KEYS = ['textureGain', 'colourGain', 'structure', 'edges'] as const;
const scores = new Map<string, Critique[]>();
const sheetRows = [];
const side = Number(values.crop);
for (const pair of pairs) {
  const [photo, style] = await Promise.all([loadImage(`${LARGE}${pair.photo}`, size), loadImage(pair.painting)]);
  const scale = paintingScale(photo, style);
  const results = new Map<string, Image>([['colour transfer', colourTransfer(photo, fitImage(style, scale.style))]]);
  for (const name of configNames) {
    const file = `${out}/${name}/${pair.name}.png`;
    if (existsSync(file)) results.set(name, await loadImage(file));
  }
  for (const [label, result] of results) scores.set(label, [...(scores.get(label) ?? []), critique({ result, content: photo, style })]);
  // The painting as large as the result would show it, to compare the marks' size.
  const paintingAtResult = fitImage(style, Math.max(photo.width, photo.height));
  sheetRows.push({
    label: `${pair.name} (${photo.width}×${photo.height}): whole, then 1:1 crops of ${side} px`,
    images: [
      { image: style, caption: 'painting' },
      { image: photo, caption: 'photo' },
      ...configNames.filter((c) => results.has(c)).map((c) => ({ image: results.get(c)!, caption: c })),
      { image: cropAt(paintingAtResult, [0.5, 0.5], side), caption: 'painting 1:1 at size' },
      ...configNames.filter((c) => results.has(c)).map((c) => ({ image: cropAt(results.get(c)!, pair.crop, side), caption: `${c} 1:1` })),
    ],
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f = (v: number) => v.toFixed(3);
console.log(`\n${size} px: mean over the pairs (worst pair in brackets); the critic at the painting's scale.\n`);
console.log(`| result | pairs | texture gain ↑ | at the painting's scale ↑ | colour gain ↑ | SSIM ↑ | edges ↑ | s/result |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const [label, list] of scores) {
  const cells = KEYS.map((k) => `${f(mean(list.map((s) => s[k])))} (${f(Math.min(...list.map((s) => s[k])))})`);
  const level0 = list.map((s) => s.textureGainByLevel[0] ?? NaN);
  const secs = pairs.map((p) => times[`${label}/${p.name}`]).filter((t): t is number => t !== undefined);
  cells.splice(1, 0, `${f(mean(level0))} (${f(Math.min(...level0))})`);
  console.log(
    `| ${label} | ${list.length} | ${cells.join(' | ')} | ${secs.length > 0 ? `${mean(secs).toFixed(1)} (max ${Math.max(...secs).toFixed(1)})` : '–'} |`,
  );
}
await writeFile(
  `${out}/scores.tsv`,
  [...scores].flatMap(([label, list]) => list.map((s, i) => [label, pairs[i]!.name, ...KEYS.map((k) => f(s[k]))].join('\t'))).join('\n') +
    '\n',
);
if (values.sheet !== undefined) {
  const png = await contactSheet(sheetRows, { cell: side });
  await sharp(png).jpeg({ quality: 88 }).toFile(values.sheet);
}
