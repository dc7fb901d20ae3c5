import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { contactSheet } from './contact-sheet.js';
import { makeImage } from './testing/images.js';

async function decode(png: Uint8Array) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) =>
    Array.from(data.subarray(info.channels * (y * info.width + x), info.channels * (y * info.width + x) + 3));
  return { width: info.width, height: info.height, at };
}

describe('contactSheet', () => {
  const red = makeImage(40, 20, () => [200, 0, 0]);
  const blue = makeImage(10, 30, () => [0, 0, 200]);

  test('lays rows of fitted images out in cells, labels and captions in a bitmap font', async () => {
    const sheet = await decode(
      await contactSheet(
        [
          {
            label: 'first',
            images: [
              { image: red, caption: 'red' },
              { image: blue, caption: 'blue × ✓' },
            ],
          },
          { label: 'second', images: [{ image: blue }] },
        ],
        { cell: 64 },
      ),
    );
    // margins 8, gap 8, text lines 17: width 8 + 64 + 8 + 64 + 8; rows (17 + 64 + 17) + 8 + (17 + 64) + 2·8
    assert.deepEqual([sheet.width, sheet.height], [152, 203]);
    assert.deepEqual(sheet.at(8 + 32, 8 + 17 + 32), [200, 0, 0]); // red, fitted to 64×32, centred
    assert.deepEqual(sheet.at(8 + 32, 8 + 17 + 2), [232, 232, 232]); // the mount above it
    assert.deepEqual(sheet.at(80 + 32, 8 + 17 + 32), [0, 0, 200]);
    assert.deepEqual(sheet.at(8 + 32, 114 + 17 + 32), [0, 0, 200]);
    const ink = (x0: number, y0: number, w: number) => {
      let dark = 0;
      for (let y = y0; y < y0 + 13; y++) for (let x = x0; x < x0 + w; x++) if ((sheet.at(x, y)[0] ?? 255) < 128) dark++;
      return dark;
    };
    assert.ok(ink(8, 9, 35) > 20, 'the label is drawn');
    assert.equal(ink(50, 9, 90), 0, 'and nothing after it');
    assert.ok(ink(8, 8 + 17 + 64 + 2, 21) > 10, 'the caption is drawn');
  });

  test('an empty sheet is a blank page', async () => {
    const sheet = await decode(await contactSheet([]));
    assert.deepEqual([sheet.width, sheet.height], [208, 17]);
  });
});
