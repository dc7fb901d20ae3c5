import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertImageFits, bytesPerPixel, gpuBindingLimit, tileSizeWithin } from './gpu-buffer-limit.js';
import { ConvNet, createDefaultNetwork, initBackend, OutOfMemoryError } from '../index.js';
import { networkGeometry } from '../tiling/tile-plan.js';

const network = createDefaultNetwork();
assert.ok(network instanceof ConvNet);
const geometry = networkGeometry(network.spec, ['conv1_1', 'conv2_1', 'conv2_2', 'conv3_1', 'conv4_1']);

describe('GPU buffer limits', () => {
  test("the embedded network's largest activation is conv1's 32 channels at full size: 128 bytes a pixel", () => {
    assert.equal(bytesPerPixel(geometry), 128);
  });

  test('tiles shrink until their crop fits a binding; the limit of a common GPU leaves 512 px tiles alone', () => {
    assert.equal(tileSizeWithin(128 * 2 ** 20, geometry, 512), 512);
    // 16 MB: √(16 MB / 128 B) = 362 px of crop, less 2 halos of 32: 298, down to a multiple of 8.
    assert.equal(tileSizeWithin(16 * 2 ** 20, geometry, 512), 296);
    assert.throws(() => tileSizeWithin(2 ** 18, geometry, 512), OutOfMemoryError);
  });

  test('an image whose pixels alone exceed a binding is refused, with the size that would fit', () => {
    assert.doesNotThrow(() => assertImageFits(128 * 2 ** 20, 4096, 2304));
    assert.throws(
      () => assertImageFits(128 * 2 ** 20, 8192, 4608),
      (e: Error) =>
        e instanceof OutOfMemoryError &&
        /432 MB buffer; this GPU binds at most 128 MB\. Use a size of at most about 4459 px/.test(e.message),
    );
  });

  test('the limit is read from the WebGPU device, and there is none on wasm (webgpu forced: no adapter fails)', async () => {
    await initBackend({ backend: 'webgpu' });
    const limit = gpuBindingLimit();
    assert.ok(limit !== undefined && limit >= 128 * 2 ** 20, `limit ${limit}`);
    await initBackend({ backend: 'wasm' });
    assert.equal(gpuBindingLimit(), undefined);
  });
});
