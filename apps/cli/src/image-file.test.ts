import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { CliError } from './cli-error.js';
import { imageSize, readImage } from './image-file.js';
import { runNst, SAMPLES } from './testing-nst.js';

const dir = await mkdtemp(join(tmpdir(), 'nst-image-file-'));

/** CRC-32 of PNG chunks. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small PNG file whose header claims `width × height` RGB pixels: a decompression bomb's shape. */
function claimedPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(4096))), chunk('IEND', Buffer.alloc(0))]);
}

/** A 40×20 JPEG, red on the left and blue on the right, that says (EXIF orientation 6) it is shown turned a quarter clockwise. */
async function sidewaysJpeg(path: string): Promise<void> {
  const pixels = Buffer.alloc(40 * 20 * 3);
  for (let i = 0; i < 40 * 20; i++) pixels.set(i % 40 < 20 ? [255, 0, 0] : [0, 0, 255], i * 3);
  await sharp(pixels, { raw: { width: 40, height: 20, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toFile(path);
}

const refused = (message: RegExp) => (e: unknown) => e instanceof CliError && e.exitCode === 1 && message.test(e.message);

/** `nst stylize` of `path` at `size` px in two iterations on wasm, into `out`. */
const stylizeTiny = (path: string, out: string, size: number) =>
  runNst([
    'stylize',
    path,
    '--style',
    `${SAMPLES}van-gogh-night-cafe.png`,
    '-o',
    out,
    '--backend',
    'wasm',
    '--size',
    String(size),
    '--iterations',
    '2',
  ]);

describe('readImage: photos as cameras make them', () => {
  test('EXIF orientation is applied: a phone portrait is read upright', async () => {
    const path = join(dir, 'sideways.jpg');
    await sidewaysJpeg(path);
    const image = await readImage(path);
    assert.deepEqual([image.width, image.height], [20, 40]);
    // A quarter turn clockwise puts the stored left (red) at the top and the right (blue) at the bottom.
    const top = image.data.subarray(0, 4);
    const bottom = image.data.subarray(39 * 20 * 4, 39 * 20 * 4 + 4);
    assert.ok(top[0]! > 200 && top[2]! < 60, `top ${[...top]}`);
    assert.ok(bottom[2]! > 200 && bottom[0]! < 60, `bottom ${[...bottom]}`);
    assert.deepEqual(await imageSize(path), { width: 20, height: 40 });
    const out = join(dir, 'sideways-out.png');
    const { code, stdout, stderr } = await stylizeTiny(path, out, 40);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /\(20×40\)/);
  });

  test('a 6000×4000 camera JPEG is reduced on decode to what --size needs', async () => {
    const path = join(dir, 'camera.jpg');
    await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#468' } })
      .jpeg()
      .toFile(path);
    const image = await readImage(path, { fitWithin: 300 });
    assert.deepEqual([image.width, image.height], [300, 200]);
    const out = join(dir, 'camera-out.png');
    const { code, stdout, stderr } = await stylizeTiny(path, out, 32);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /\(32×21\)/);
  });

  test('a decompression bomb is refused by its header, naming its size, before decoding', async () => {
    for (const [side, megapixels] of [
      [16_383, 268],
      [100_000, 10_000],
    ] as const) {
      const path = join(dir, `bomb-${side}.png`);
      await writeFile(path, claimedPng(side, side));
      const started = performance.now();
      await assert.rejects(
        readImage(path),
        refused(new RegExp(`${side}×${side} pixels \\(${megapixels} megapixels\\); nst reads at most 150`)),
      );
      assert.ok(performance.now() - started < 1000, 'refused without decoding');
    }
  });

  test('BMP is named as unsupported, not called corrupt', async () => {
    const path = join(dir, 'picture.bmp');
    const bmp = Buffer.alloc(58);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(58, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(1, 18);
    bmp.writeInt32LE(1, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    await writeFile(path, bmp);
    await assert.rejects(readImage(path), refused(/picture\.bmp: BMP images are not supported; use PNG, JPEG or WebP/));
  });
});
