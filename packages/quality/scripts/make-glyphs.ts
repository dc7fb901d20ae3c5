// Renders assets/glyphs.png, the bitmap font of the contact sheet: printable ASCII and a few signs in
// DejaVu Sans Mono (Bitstream Vera licence, free to embed) at 11 px, one 7×13 cell per character,
// grey levels = coverage. Run once where the font is installed; the sheet itself needs no fonts.
// node --import tsx scripts/make-glyphs.ts
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

import { GLYPH_SET } from '../src/glyph-set.js';

const { width: WIDTH, height: HEIGHT } = GLYPH_SET;
const chars = [...GLYPH_SET.characters];
const escape = (c: string) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c;
const svg =
  `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * chars.length}" height="${HEIGHT}">` +
  `<rect width="100%" height="100%" fill="black"/>` +
  chars
    .map(
      (c, i) =>
        `<text x="${i * WIDTH + 0.2}" y="10" font-family="DejaVu Sans Mono" font-size="11" fill="white" xml:space="preserve">${escape(c)}</text>`,
    )
    .join('') +
  '</svg>';
await sharp(Buffer.from(svg))
  .extractChannel(0)
  .png({ compressionLevel: 9 })
  .toFile(fileURLToPath(new URL('../assets/glyphs.png', import.meta.url)));
