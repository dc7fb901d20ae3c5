import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { ByteReader, sourceChunks } from './byte-reader.js';
import { bytesSource } from './byte-source.js';
import { inflatingReader } from './inflate.js';

const ended = (position: number) => new RangeError(`ended at ${position}`);
const counting = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

/** A source that hands out at most 3 bytes per read, to cross chunk boundaries everywhere. */
const stingy = (bytes: Uint8Array) => ({
  size: bytes.length,
  read: (offset: number, length: number) => Promise.resolve(bytes.slice(offset, offset + Math.min(3, length))),
});

describe('ByteReader', () => {
  test('reads and skips across chunks, counting its position, and says where the bytes ran out', async () => {
    const reader = new ByteReader(sourceChunks(stingy(counting(20))), ended);
    assert.deepEqual([...(await reader.bytes(5))], [0, 1, 2, 3, 4]);
    await reader.skip(7);
    assert.equal(reader.position, 12);
    assert.deepEqual([...(await reader.bytes(4))], [12, 13, 14, 15]);
    assert.equal(await reader.atEnd(), false);
    await assert.rejects(reader.bytes(5), /ended at 20/);
    assert.equal(await reader.atEnd(), true);
    await assert.rejects(new ByteReader(sourceChunks(bytesSource(counting(4))), ended).skip(9), /ended at 4/);
  });

  test('inflates a zlib stream given in pieces, leaving the outer reader just past it', async () => {
    const plain = counting(5000);
    const packed = deflateSync(plain);
    const outer = new ByteReader(sourceChunks(stingy(Uint8Array.from([...packed, 7, 8]))), ended);
    const inner = inflatingReader(outer, packed.length, 'deflate', ended);
    assert.deepEqual([...(await inner.bytes(4999))], [...plain.subarray(0, 4999)]);
    await inner.drain();
    assert.equal(outer.position, packed.length);
    assert.deepEqual([...(await outer.bytes(2))], [7, 8]);
    const corrupt = new ByteReader(sourceChunks(bytesSource(Uint8Array.from([0x78, 0x9c, 0xff, 0xff, 0xff]))), ended);
    await assert.rejects(inflatingReader(corrupt, 5, 'deflate', ended).drain());
  });
});
