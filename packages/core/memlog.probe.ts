import { initBackend, stylize, stylizeSchedule } from './src/index.js';
import { painting, photo } from './src/testing/images.js';
const size = Number(process.argv[2] ?? 2048);
const workers = Number(process.argv[3] ?? 2);
await initBackend({ backend: 'wasm' });
const mb = (b: number) => Math.round(b / 2 ** 20);
let lastStage = 0;
await stylize({
  content: photo(size, size), styles: [{ image: painting(512, 512) }], maxSize: size,
  iterations: 3 * stylizeSchedule({ content: { width: size, height: size }, maxSize: size }).length, workers,
  onProgress: (p) => {
    const m = process.memoryUsage();
    if (p.stage >= 6) console.log(`stage ${p.stage} it ${p.iteration}: rss ${mb(m.rss)} heap ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} maxRss ${Math.round(process.resourceUsage().maxRSS / 1024)}`);
  },
});
