// Times critique() on a 256×256 result (the test photo and painting), median of 7 runs.
// node --import tsx scripts/speed.ts
import { colourDistance, critique, edgePreservation, resizeImage, ssim, textureStatistics } from '../src/index.js';
import { readTestImage } from '../src/testing/images.js';

const content = await readTestImage('coffee.png');
const style = await readTestImage('van-gogh-night-cafe.png');
const result = resizeImage(style, 256, 256);
const photo = resizeImage(content, 256, 256);
const median = (run: () => unknown) => {
  const times = Array.from({ length: 7 }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return `${(times[3] ?? 0).toFixed(0)} ms`;
};
console.log(
  'critique',
  median(() => critique({ result, content, style })),
);
console.log(
  '  textureStatistics',
  median(() => textureStatistics(result)),
);
console.log(
  '  colourDistance',
  median(() => colourDistance(result, photo)),
);
console.log(
  '  ssim',
  median(() => ssim(result, photo)),
);
console.log(
  '  edgePreservation',
  median(() => edgePreservation(result, photo)),
);
