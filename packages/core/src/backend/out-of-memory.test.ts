import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { asOutOfMemory, isOutOfMemory } from './out-of-memory.js';
import { type FeatureNetwork, initBackend, OutOfMemoryError, stylize, tf, UnknownLayerError, WorkerError } from '../index.js';
import { painting, photo } from '../testing/images.js';

before(() => initBackend({ backend: 'wasm' }));

describe('out of memory', () => {
  test("recognises the backends' own words, from this thread or a worker, and nothing else", () => {
    for (const error of [
      new WebAssembly.RuntimeError('memory access out of bounds'),
      new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.'),
      new RangeError('Array buffer allocation failed'),
      new Error('Buffer size (3221225472) exceeds the max buffer size limit (2147483648).'),
      Object.assign(new WorkerError('memory access out of bounds'), { name: 'RuntimeError' }),
    ]) {
      assert.ok(isOutOfMemory(error), String(error));
    }
    for (const error of [
      new Error('x is not a function'),
      new UnknownLayerError('memory access out of bounds'),
      new TypeError('Cannot read properties of undefined'),
    ]) {
      assert.ok(!isOutOfMemory(error), String(error));
    }
  });

  test('the error says the backend, the size, and what to do', () => {
    const error = asOutOfMemory(new WebAssembly.RuntimeError('memory access out of bounds'), {
      width: 2048,
      height: 1152,
      tileSize: 512,
      workers: 2,
    });
    assert.ok(error instanceof OutOfMemoryError);
    assert.match(error.message, /Out of memory on the wasm backend at 2048×1152 px in tiles of 512 px \(memory access out of bounds\)/);
    assert.match(error.message, /smaller size .*smaller tile size .*fewer workers \(now 2\).*another backend/);
    const other = new Error('a bug');
    assert.equal(asOutOfMemory(other, { width: 1, height: 1 }), other);
  });

  test('stylize reports a backend running out of memory as OutOfMemoryError, and frees its tensors', async () => {
    const base = tf.memory().numTensors;
    const failing: FeatureNetwork = {
      name: 'failing',
      layers: ['a'],
      contentLayer: 'a',
      styleLayers: { a: 1 },
      costWeights: { alpha: 1, beta: 1 },
      extract: () => {
        throw new WebAssembly.RuntimeError('memory access out of bounds');
      },
      dispose: () => undefined,
    };
    await assert.rejects(
      stylize({ content: photo(20, 16), styles: [{ image: painting(16, 16) }], network: failing, iterations: 2 }),
      (error: Error) => {
        assert.ok(error instanceof OutOfMemoryError, String(error));
        assert.match(error.message, /at 20×16 px/);
        return true;
      },
    );
    assert.equal(tf.memory().numTensors, base);
  });
});
