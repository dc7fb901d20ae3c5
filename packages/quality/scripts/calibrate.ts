// Calibrates the critic: for every photo × painting, the scores of the photo itself, of colour
// transfer alone (1 round, CT, and 10 rounds, IDT), and the painting's noise floor, with the photo
// at `size` (never enlarged) and the painting compared at its scale (paintingScale). Prints a
// markdown table and its means.
// node --import tsx scripts/calibrate.ts <contents dir> <styles dir> [size]
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { colourTransfer, critique, fitImage, noiseFloor, paintingScale, type Image } from '../src/index.js';
import { readImage } from '../src/read-image.js';

const [contentDir, styleDir, sizeArg] = process.argv.slice(2);
if (!contentDir || !styleDir) {
  console.error('usage: calibrate.ts <contents dir> <styles dir> [size]');
  process.exit(2);
}
const size = Number(sizeArg ?? 256);

async function readFolder(dir: string): Promise<{ name: string; image: Image }[]> {
  const files = (await readdir(dir)).filter((f) => /\.(png|jpe?g|webp)$/i.test(f)).sort();
  return Promise.all(files.map(async (f) => ({ name: basename(f, extname(f)), image: await readImage(join(dir, f)) })));
}

const contents = await readFolder(contentDir);
const styles = await readFolder(styleDir);
const f = (v: number, digits = 2) => v.toFixed(digits);
const times: number[] = [];

console.log(
  '| photo | style | d_T photo | d_C photo | CT texture gain | CT colour gain | CT SSIM | CT edges | IDT texture / colour gain, edges | floor texture gain 0.75× / halves | floor colour gain 0.75× / halves |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const rows: number[][] = [];
for (const style of styles) {
  for (const content of contents) {
    const photo = fitImage(content.image, Math.min(size, Math.max(content.image.width, content.image.height)));
    const styleSide = paintingScale(photo, style.image).style;
    const floor = noiseFloor(style.image, styleSide);
    const start = performance.now();
    const itself = critique({ result: photo, content: content.image, style: style.image });
    times.push(performance.now() - start);
    const transferred = critique({
      result: colourTransfer(photo, fitImage(style.image, styleSide)),
      content: content.image,
      style: style.image,
    });
    const iterated = critique({
      result: colourTransfer(photo, fitImage(style.image, size), { iterations: 10 }),
      content: content.image,
      style: style.image,
    });
    const gain = (d: number, of: number) => f(1 - d / of);
    rows.push([
      transferred.textureGain,
      iterated.textureGain,
      1 - floor.scale.texture / itself.texture,
      1 - floor.halves.texture / itself.texture,
    ]);
    console.log(
      `| ${content.name} | ${style.name} | ${f(itself.texture)} | ${f(itself.colour, 1)} | ` +
        `${f(transferred.textureGain)} | ${f(transferred.colourGain)} | ${f(transferred.structure)} | ${f(transferred.edges)} | ` +
        `${f(iterated.textureGain)} / ${f(iterated.colourGain)}, ${f(iterated.edges)} | ` +
        `${gain(floor.scale.texture, itself.texture)} / ${gain(floor.halves.texture, itself.texture)} | ` +
        `${gain(floor.scale.colour, itself.colour)} / ${gain(floor.halves.colour, itself.colour)} |`,
    );
  }
}
const mean = (i: number) => f(rows.reduce((sum, row) => sum + row[i]!, 0) / rows.length);
console.log(`| mean of ${rows.length} | | | | ${mean(0)} | | | | ${mean(1)} / … | ${mean(2)} / ${mean(3)} | |`);
times.sort((a, b) => a - b);
console.log('');
console.log(`critique() of a ${size}-px result: median ${f(times[Math.floor(times.length / 2)] ?? 0, 0)} ms over ${times.length} calls`);
