import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { fitImage } from './fit-image.js';
import { GLYPH_SET } from './glyph-set.js';
import type { Image } from './image.js';

/** One line of the sheet: a label above, then its images left to right, each with an optional caption below. */
export interface ContactSheetRow {
  readonly label: string;
  readonly images: readonly { readonly image: Image; readonly caption?: string }[];
}

const MARGIN = 8;
const GAP = 8;
const LINE = GLYPH_SET.height + 4;
const PAPER = [255, 255, 255] as const;
const MOUNT = [232, 232, 232] as const;
const INK = [24, 24, 24] as const;

interface Glyphs {
  readonly data: Uint8Array;
  readonly stride: number;
}

let glyphs: Promise<Glyphs> | undefined;

/** assets/glyphs.png, coverage per pixel: the sheet's bitmap font, so no system font is needed. */
function loadGlyphs(): Promise<Glyphs> {
  glyphs ??= sharp(fileURLToPath(new URL('../assets/glyphs.png', import.meta.url)))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => ({ data: new Uint8Array(data), stride: info.width }));
  return glyphs;
}

class Canvas {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3);
    this.fill(0, 0, width, height, PAPER);
  }

  fill(x0: number, y0: number, w: number, h: number, colour: readonly number[]): void {
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++) this.data.set(colour, 3 * (y * this.width + x));
    }
  }

  /** Straight-alpha `image` over what is there, top-left at (x0, y0). */
  draw(image: Image, x0: number, y0: number): void {
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const s = 4 * (y * image.width + x);
        const d = 3 * ((y0 + y) * this.width + x0 + x);
        const a = (image.data[s + 3] ?? 255) / 255;
        for (let c = 0; c < 3; c++) this.data[d + c] = Math.round(a * (image.data[s + c] ?? 0) + (1 - a) * (this.data[d + c] ?? 0));
      }
    }
  }

  /** `text` in the bitmap font from (x0, y0), cut with '…' to `maxWidth` pixels. */
  text(font: Glyphs, text: string, x0: number, y0: number, maxWidth: number): void {
    const fits = Math.floor(maxWidth / GLYPH_SET.width);
    let chars = [...text];
    if (chars.length > fits) chars = [...chars.slice(0, Math.max(0, fits - 1)), '…'];
    chars.forEach((char, i) => {
      const index = GLYPH_SET.characters.indexOf(char);
      const glyph = index >= 0 ? index : GLYPH_SET.characters.indexOf('?');
      for (let y = 0; y < GLYPH_SET.height; y++) {
        for (let x = 0; x < GLYPH_SET.width; x++) {
          const coverage = (font.data[y * font.stride + glyph * GLYPH_SET.width + x] ?? 0) / 255;
          const d = 3 * ((y0 + y) * this.width + x0 + i * GLYPH_SET.width + x);
          for (let c = 0; c < 3; c++) this.data[d + c] = Math.round(coverage * (INK[c] ?? 0) + (1 - coverage) * (this.data[d + c] ?? 0));
        }
      }
    });
  }
}

/**
 * A contact sheet as PNG bytes: each row a label line, then its images left to right, each
 * fitted (area averaging down, bilinear up) and centred in a `cell`-px square (default 192) on a
 * grey mount, with its caption below when given. Text is drawn in a bitmap font rendered once
 * from DejaVu Sans Mono (assets/glyphs.png), so the sheet needs no system fonts; characters
 * outside it print as '?', text too long for its cell is cut with '…'. Node only (sharp).
 */
export async function contactSheet(rows: readonly ContactSheetRow[], options: { cell?: number } = {}): Promise<Uint8Array> {
  const cell = options.cell ?? 192;
  const font = await loadGlyphs();
  const columns = Math.max(1, ...rows.map((row) => row.images.length));
  const width = 2 * MARGIN + columns * cell + (columns - 1) * GAP;
  const rowHeight = (row: ContactSheetRow) => LINE + cell + (row.images.some((entry) => entry.caption !== undefined) ? LINE : 0) + GAP;
  const height = 2 * MARGIN + rows.reduce((sum, row) => sum + rowHeight(row), 0) - (rows.length > 0 ? GAP : 0);
  const canvas = new Canvas(width, Math.max(height, 2 * MARGIN + 1));
  let top = MARGIN;
  for (const row of rows) {
    canvas.text(font, row.label, MARGIN, top + 1, width - 2 * MARGIN);
    row.images.forEach(({ image, caption }, i) => {
      const left = MARGIN + i * (cell + GAP);
      canvas.fill(left, top + LINE, cell, cell, MOUNT);
      const fitted = fitImage(image, cell);
      canvas.draw(fitted, left + Math.floor((cell - fitted.width) / 2), top + LINE + Math.floor((cell - fitted.height) / 2));
      if (caption !== undefined) canvas.text(font, caption, left, top + LINE + cell + 2, cell);
    });
    top += rowHeight(row);
  }
  const png = await sharp(canvas.data, { raw: { width: canvas.width, height: canvas.height, channels: 3 } })
    .png()
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
