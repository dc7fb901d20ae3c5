import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  estimateBatchSeconds,
  estimateStylizeSeconds,
  initBackend,
  measureStylizeSpeed,
  scheduleWork,
  stylizeSchedule,
  tf,
} from '../index.js';
import { painting, photo } from '../testing/images.js';
import { convCostPerPixel } from '../networks/conv-cost.js';
import { ConvNet } from '../networks/conv-net.js';
import { createDefaultNetwork } from '../networks/default-network.js';

/** A stage's iterations in an estimate: its own 2 and its start's 2.5. */
const IT = 2 + 2.5;

describe('estimateStylizeSeconds', () => {
  test('is the schedule’s pixels × (iterations + 2.5 for each stage’s start) at the speed, tiled stages × 1.29 over the workers’ share', () => {
    const options = { content: photo(64, 32), styles: [{ image: painting(8, 8) }], maxSize: 64, iterations: 6, stages: 3, tileSize: 32 };
    assert.deepEqual(stylizeSchedule(options), [
      { width: 16, height: 8, iterations: 2 },
      { width: 32, height: 16, iterations: 2 },
      { width: 64, height: 32, iterations: 2 },
    ]);
    const speed = { secondsPerPixelIteration: 1e-3 };
    const untiled = (16 * 8 + 32 * 16) * IT * 1e-3;
    assert.ok(Math.abs(estimateStylizeSeconds(options, speed) - (untiled + 64 * 32 * IT * 1e-3 * 1.29)) < 1e-9);
    assert.ok(Math.abs(estimateStylizeSeconds({ ...options, workers: 3 }, speed) - (untiled + (64 * 32 * IT * 1e-3 * 1.29) / 2.96)) < 1e-9);
  });

  test('style levels add an evaluation of each halved size, tiled as a stage of that size would be', () => {
    const options = { content: photo(64, 32), styles: [{ image: painting(8, 8) }], maxSize: 64, iterations: 4, stages: 2, tileSize: 32 };
    const speed = { secondsPerPixelIteration: 1e-3 };
    const at = (side: number) => estimateStylizeSeconds({ ...options, styleLevelSide: side }, speed);
    // Stages 32×16 and 64×32 (tiled); levels, untiled: at 32, 32×16 of the last stage; at 16, also its 16×8 and the first stage's.
    const stages = (32 * 16 + 64 * 32 * 1.29) * IT * 1e-3;
    assert.ok(Math.abs(at(0) - stages) < 1e-9);
    assert.ok(Math.abs(at(64) - stages) < 1e-9, 'no level is made whose longest side is under 64');
    assert.ok(Math.abs(at(32) - (stages + 32 * 16 * IT * 1e-3)) < 1e-9);
    assert.ok(Math.abs(at(16) - (stages + (32 * 16 + 16 * 8 + 16 * 8) * IT * 1e-3)) < 1e-9);
  });

  test('a result of 512 px or more costs an evaluation a stage for each shift; a smaller one, one', () => {
    const options = {
      content: { width: 1024, height: 512 },
      maxSize: 1024,
      iterations: 6,
      stages: 3,
      tileSize: 4096,
      styleLayers: { conv1_1: 1 },
    };
    const speed = { secondsPerPixelIteration: 1e-6 };
    const at = (shifts: number) => estimateStylizeSeconds({ ...options, shifts }, speed);
    assert.ok(Math.abs(at(1) - (256 * 128 + 512 * 256 + 1024 * 512) * IT * 1e-6) < 1e-9);
    assert.ok(Math.abs(at(4) - 4 * (256 * 128 + 512 * 256 + 1024 * 512) * IT * 1e-6) < 1e-9, 'the coarse stages too');
    assert.ok(Math.abs(estimateStylizeSeconds(options, speed) - at(2)) < 1e-9, 'two shifts by default');
    const small = { ...options, content: { width: 500, height: 250 }, maxSize: 500 };
    const once = estimateStylizeSeconds({ ...small, shifts: 1 }, speed);
    assert.ok(
      once > 0 && Math.abs(estimateStylizeSeconds({ ...small, shifts: 4 }, speed) - once) < 1e-12,
      'a 500 px result is not shifted',
    );
  });

  test('a stage on deeper style layers costs their share more (the embedded network from 512 and 1024 px)', () => {
    const network = createDefaultNetwork();
    assert.ok(network instanceof ConvNet);
    const cost = (...layers: string[]) => convCostPerPixel(network.spec.layers, ['conv2_2', ...layers]);
    const base = cost('conv1_1', 'conv2_1');
    const options = { content: { width: 1024, height: 512 }, maxSize: 1024, iterations: 6, stages: 3, tileSize: 4096, network, shifts: 1 };
    const speed = { secondsPerPixelIteration: 1e-6 };
    const expected = (256 * 128 * IT + 512 * 256 * IT * (cost('conv3_1') / base) + 1024 * 512 * IT * (cost('conv4_1') / base)) * 1e-6;
    assert.ok(cost('conv4_1') / base > 1.5, 'conv3_2 and conv4_1 cost more than the layers before them');
    assert.ok(Math.abs(estimateStylizeSeconds(options, speed) - expected) < 1e-9);
    const fixed = { ...options, styleLayers: { conv1_1: 1, conv2_1: 1 } };
    assert.ok(Math.abs(estimateStylizeSeconds(fixed, speed) - (256 * 128 + 512 * 256 + 1024 * 512) * IT * 1e-6) < 1e-9);
    // On the native engine the added arithmetic costs half as much (wider kernels nearer the CPU's peak).
    const half = (layers: string) => 1 + (cost(layers) / base - 1) / 2;
    const native = (256 * 128 * IT + 512 * 256 * IT * half('conv3_1') + 1024 * 512 * IT * half('conv4_1')) * 1e-6;
    assert.ok(Math.abs(estimateStylizeSeconds(options, { ...speed, native: true }) - native) < 1e-9);
    network.dispose();
  });

  test('a batch is every photo’s schedule in tiles (× 1.29) over the workers’ share, small stages included', () => {
    const photo64 = { content: { width: 64, height: 32 }, maxSize: 64, iterations: 6, stages: 3, tileSize: 32, workers: 2 };
    const photo32 = { ...photo64, content: { width: 32, height: 32 }, maxSize: 32 };
    const speed = { secondsPerPixelIteration: 1e-3 };
    // 64×32: stages 16×8, 32×16, 64×32; 32×32: 16×16 twice (no stage under 16 px), 32×32; two iterations each.
    const pixels = 16 * 8 + 32 * 16 + 64 * 32 + (16 * 16 + 16 * 16 + 32 * 32);
    assert.ok(Math.abs(estimateBatchSeconds([photo64, photo32], speed) - (pixels * IT * 1e-3 * 1.29) / 1.98) < 1e-9);
    assert.equal(estimateBatchSeconds([], speed), 0);
    // The work, without the starts: what the progress's fraction counts.
    assert.equal(scheduleWork(photo64), (16 * 8 + 32 * 16 + 64 * 32) * 2);
    assert.equal(scheduleWork(photo64) + scheduleWork(photo32), pixels * 2);
  });

  test('on the native engine, the threads are in the speed: only stages of several tiles cost more (× 1.3), in a batch too', () => {
    const options = { content: { width: 64, height: 32 }, maxSize: 64, iterations: 6, stages: 3, tileSize: 32, workers: 4 };
    const speed = { secondsPerPixelIteration: 1e-3, native: true };
    const expected = ((16 * 8 + 32 * 16) * IT + 64 * 32 * IT * 1.3) * 1e-3;
    assert.ok(Math.abs(estimateStylizeSeconds(options, speed) - expected) < 1e-9);
    assert.ok(Math.abs(estimateBatchSeconds([options, options], speed) - 2 * expected) < 1e-9);
  });

  test('measureStylizeSpeed says when it measured the native engine', async () => {
    await initBackend({ backend: 'native' });
    const speed = await measureStylizeSpeed();
    assert.equal(speed.native, true);
    assert.ok(speed.secondsPerPixelIteration > 0 && Number.isFinite(speed.secondsPerPixelIteration));
    await initBackend({ backend: 'wasm' });
    assert.equal((await measureStylizeSpeed()).native, undefined);
  });

  test('measureStylizeSpeed measures a positive speed on the active backend and leaves no tensor', async () => {
    await initBackend({ backend: 'wasm' });
    await measureStylizeSpeed(); // uploads the network's weights, which it keeps
    const before = tf.memory().numTensors;
    const { secondsPerPixelIteration } = await measureStylizeSpeed();
    assert.ok(secondsPerPixelIteration > 0 && Number.isFinite(secondsPerPixelIteration));
    assert.equal(tf.memory().numTensors, before);
  });
});
