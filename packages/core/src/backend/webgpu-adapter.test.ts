import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAdapters, type GpuSource, isSoftwareRenderer, requestComputeDevice } from './webgpu-adapter.js';

interface FakeAdapterSpec {
  device: string;
  description?: string;
  isFallbackAdapter?: boolean;
  core?: boolean;
}

/** A GPUAdapter of the fields findAdapters reads. */
function fakeAdapter(spec: FakeAdapterSpec, requests: GPUDeviceDescriptor[] = []): GPUAdapter {
  const features = new Set(spec.core === false ? [] : ['core-features-and-limits']);
  const adapter = {
    info: {
      vendor: 'v',
      architecture: 'a',
      device: spec.device,
      description: spec.description ?? '',
      isFallbackAdapter: spec.isFallbackAdapter ?? false,
    },
    features,
    limits: { maxComputeWorkgroupSizeX: 1024, maxBufferSize: 1 << 30, maxComputeInvocationsPerWorkgroup: 1024 },
    requestDevice: async (descriptor: GPUDeviceDescriptor) => {
      requests.push(descriptor);
      return {};
    },
  };
  return adapter as never;
}

/** A source that answers core requests with `core` and compatibility requests with `compat`. */
function source(label: string, core: FakeAdapterSpec | null, compat: FakeAdapterSpec | null, log: string[] = []): GpuSource {
  const gpu = {
    requestAdapter: async (options?: GPURequestAdapterOptions) => {
      const level = options?.featureLevel === 'compatibility' ? 'compatibility' : 'core';
      log.push(`${label}:${level}`);
      const spec = level === 'core' ? core : compat;
      return spec === null ? null : fakeAdapter({ ...spec, core: level === 'core' });
    },
  };
  return { label, gpu: () => gpu as never };
}

describe('findAdapters', () => {
  test('stops at the first hardware adapter and never creates the later sources', async () => {
    const log: string[] = [];
    let laterCreated = false;
    const later: GpuSource = {
      label: 'later',
      gpu: () => {
        laterCreated = true;
        throw new Error('unused');
      },
    };
    const { candidates } = await findAdapters([source('gpu', { device: 'RTX 4090' }, null, log), later]);
    assert.deepEqual(
      candidates.map((c) => c.summary.device),
      ['RTX 4090'],
    );
    assert.equal(candidates[0]!.summary.isSoftware, false);
    assert.equal(candidates[0]!.summary.featureLevel, 'core');
    assert.deepEqual(log, ['gpu:core']);
    assert.equal(laterCreated, false);
  });

  test('prefers a hardware compatibility adapter to a software core one', async () => {
    const { candidates } = await findAdapters([
      source('vulkan', { device: 'SwiftShader Device (Subzero)' }, null),
      source('gles', null, { device: 'Mali-G78', description: 'OpenGL ES 3.2' }),
    ]);
    assert.deepEqual(
      candidates.map((c) => [c.summary.source, c.summary.featureLevel, c.summary.isSoftware]),
      [
        ['gles', 'compatibility', false],
        ['vulkan', 'core', true],
      ],
    );
  });

  test('after a software core adapter, asks the same GPU for a compatibility one (Chromium: SwiftShader, then ANGLE GL ES)', async () => {
    const log: string[] = [];
    const { candidates } = await findAdapters([source('navigator.gpu', { device: '', isFallbackAdapter: true }, { device: '' }, log)]);
    assert.deepEqual(log, ['navigator.gpu:core', 'navigator.gpu:compatibility']);
    assert.deepEqual(
      candidates.map((c) => [c.summary.featureLevel, c.summary.isSoftware]),
      [
        ['compatibility', false],
        ['core', true],
      ],
    );
  });

  test('recognises software rasterisers by name or by the fallback flag', async () => {
    for (const name of ['llvmpipe (LLVM 15.0.6, 256 bits)', 'SwiftShader Device', 'lavapipe', 'Microsoft Basic Render Driver']) {
      assert.ok(isSoftwareRenderer(name), name);
    }
    assert.ok(!isSoftwareRenderer('Apple M2 Pro'));
    const { candidates } = await findAdapters([source('x', { device: 'Some GPU', isFallbackAdapter: true }, null)]);
    assert.equal(candidates[0]!.summary.isSoftware, true);
  });

  test('says why each source gave nothing', async () => {
    const broken: GpuSource = {
      label: 'dawn',
      gpu: () => {
        throw new Error('webgpu is not installed');
      },
    };
    const { candidates, notes } = await findAdapters([broken, source('empty', null, null)]);
    assert.equal(candidates.length, 0);
    assert.deepEqual(notes, ['dawn: webgpu is not installed', 'empty: no adapter']);
  });
});

describe('requestComputeDevice', () => {
  test("asks for the adapter's own compute limits, not WebGPU's defaults", async () => {
    const requests: GPUDeviceDescriptor[] = [];
    await requestComputeDevice(fakeAdapter({ device: 'd' }, requests));
    assert.deepEqual(requests[0]!.requiredLimits, {
      maxBufferSize: 1 << 30,
      maxComputeInvocationsPerWorkgroup: 1024,
      maxComputeWorkgroupSizeX: 1024,
    });
  });
});
