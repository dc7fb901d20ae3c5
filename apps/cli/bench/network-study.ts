/**
 * How the embedded network was chosen: each candidate design styles the sample pairs with the same
 * budget of L-BFGS iterations at 256 px on wasm; we time it and score the result with an
 * independent critic (a wider, deeper random network of another seed): its style cost against the
 * painting (lower is better) and its content cost against the photo. Writes a contact sheet.
 *   node --import tsx bench/network-study.ts [out.png]
 */
import sharp from 'sharp';
import {
  type ArchitectureLayer,
  ConvNet,
  contentCost,
  gramMatrix,
  imagenetPreprocess,
  initBackend,
  layerStyleCost,
  randomConvLayers,
  type RgbaImage,
  stylize,
  tf,
} from '@nst/core';

const IMAGES = new URL('../../../../shared/images/', import.meta.url);
const pairs = [
  ['content/coffee.png', 'style/van-gogh-night-cafe.png'],
  ['content/chelsea-cat.png', 'style/van-gogh-langlois-bridge.png'],
] as const;

const conv = (name: string, channels: number): ArchitectureLayer => ({ name, channels });
const pool = (name: string): ArchitectureLayer => ({ name, pool: 'avg' });
const stack = (widths: number[], depth: number): ArchitectureLayer[] =>
  widths
    .slice(0, depth)
    .flatMap((w, b) => [
      ...(b > 0 ? [pool(`pool${b}`)] : []),
      conv(`conv${b + 1}_1`, w),
      ...(b + 1 < depth ? [conv(`conv${b + 1}_2`, w)] : []),
    ]);
const styleOf = (depth: number) => Object.fromEntries(Array.from({ length: depth }, (_, b) => [`conv${b + 1}_1`, 1]));
const preprocess = imagenetPreprocess;

const designs = [
  { name: 'A: 3 blocks, 32-64-128', arch: stack([32, 64, 128], 3), style: styleOf(3), content: 'conv2_2', beta: 1e5 },
  { name: 'B: 4 blocks, 32-64-128-256', arch: stack([32, 64, 128, 256], 4), style: styleOf(4), content: 'conv2_2', beta: 1e5 },
  { name: 'C: 4 blocks, 64-128-256-512', arch: stack([64, 128, 256, 512], 4), style: styleOf(4), content: 'conv2_2', beta: 1e5 },
  { name: 'D: 3 blocks, 64-128-256', arch: stack([64, 128, 256], 3), style: styleOf(3), content: 'conv2_2', beta: 1e5 },
];

async function load(path: string, max: number): Promise<RgbaImage> {
  const { data, info } = await sharp(new URL(path, IMAGES).pathname)
    .resize(max, max, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}
const rgb = (image: RgbaImage) =>
  tf.tidy(
    () =>
      tf.div(
        tf.slice(tf.tensor4d(Uint8Array.from(image.data), [1, image.height, image.width, 4], 'int32'), [0, 0, 0, 0], [-1, -1, -1, 3]),
        255,
      ) as tf.Tensor4D,
  );

await initBackend({ backend: 'wasm' });
const critic = new ConvNet({
  name: 'critic',
  layers: randomConvLayers(stack([64, 128, 256, 512], 4), 99),
  contentLayer: 'conv3_1',
  styleLayers: styleOf(4),
  costWeights: { alpha: 1, beta: 1 },
  preprocess,
});
function score(result: RgbaImage, content: RgbaImage, style: RgbaImage): { style: number; content: number } {
  return tf.tidy(() => {
    const layers = Object.keys(critic.styleLayers);
    const r = rgb(result);
    const [, h = 0, w = 0] = r.shape;
    const s = tf.image.resizeBilinear(rgb(style), [h, w]);
    const c = tf.image.resizeBilinear(rgb(content), [h, w]);
    const ra = critic.extract(r, [...layers, critic.contentLayer]);
    const sa = critic.extract(s, layers);
    const ca = critic.extract(c, [critic.contentLayer]);
    const styleScore =
      layers.reduce(
        (sum, l) =>
          sum +
          layerStyleCost(gramMatrix(sa[l]!), ra[l]!).dataSync()[0]! /
            layerStyleCost(gramMatrix(sa[l]!), tf.zerosLike(ra[l]!)).dataSync()[0]!,
        0,
      ) / layers.length;
    return { style: styleScore, content: contentCost(ca[critic.contentLayer]!, ra[critic.contentLayer]!).dataSync()[0]! };
  });
}

const out = process.argv[2] ?? 'network-study.png';
const tiles: { input: Buffer; top: number; left: number }[] = [];
const TILE = 256;
const row = (image: RgbaImage) =>
  sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize(TILE, TILE, { fit: 'contain', background: '#fff' })
    .png()
    .toBuffer();
console.log('| design | pair | s/iteration | critic style (↓) | critic content |');
console.log('|---|---|---|---|---|');
for (const [p, [contentPath, stylePath]] of pairs.entries()) {
  const content = await load(contentPath, 256);
  const style = await load(stylePath, 256);
  tiles.push({ input: await row(content), top: p * TILE, left: 0 }, { input: await row(style), top: p * TILE, left: TILE });
  const base = score(content, content, style);
  console.log(`| (the photo itself) | ${p + 1} | – | ${base.style.toFixed(3)} | ${base.content.toExponential(2)} |`);
  for (const [d, design] of designs.entries()) {
    const network = new ConvNet({
      name: design.name,
      layers: randomConvLayers(design.arch, 1),
      contentLayer: design.content,
      styleLayers: design.style,
      costWeights: { alpha: 10, beta: design.beta },
      preprocess,
    });
    const started = performance.now();
    const result = await stylize({ content, styles: [{ image: style }], network, iterations: 60, maxSize: 256, stages: 1 });
    const seconds = (performance.now() - started) / 1000;
    const q = score(result, content, style);
    console.log(`| ${design.name} | ${p + 1} | ${(seconds / 60).toFixed(3)} | ${q.style.toFixed(3)} | ${q.content.toExponential(2)} |`);
    tiles.push({ input: await row(result), top: p * TILE, left: (d + 2) * TILE });
    network.dispose();
  }
}
await sharp({ create: { width: TILE * (designs.length + 2), height: TILE * pairs.length, channels: 3, background: '#fff' } })
  .composite(tiles)
  .png()
  .toFile(out);
console.log(`wrote ${out}`);
