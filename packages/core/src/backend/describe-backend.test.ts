import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AdapterSummary, BACKEND_TITLES, BACKENDS, backendDetails, describeBackend } from '../index.js';

const adapter: AdapterSummary = {
  source: 'navigator.gpu',
  vendor: 'google',
  architecture: '',
  device: '',
  description: '',
  isFallbackAdapter: true,
  isSoftware: true,
  featureLevel: 'core',
};

test('describeBackend: the title, then the adapter or the runtime in brackets', () => {
  assert.equal(describeBackend({ backend: 'wasm', skipped: [] }), 'WebAssembly');
  assert.equal(describeBackend({ backend: 'webgpu', adapter, skipped: [] }), 'WebGPU (google, software)');
  assert.equal(
    describeBackend({
      backend: 'webgpu',
      adapter: { ...adapter, vendor: '', isSoftware: false, featureLevel: 'compatibility' },
      skipped: [],
    }),
    'WebGPU (compatibility mode)',
  );
  const nvidia = { ...adapter, vendor: 'nvidia', device: 'RTX 4090', description: 'ignored', isSoftware: false, isFallbackAdapter: false };
  assert.equal(describeBackend({ backend: 'webgpu', adapter: nvidia, skipped: [] }), 'WebGPU (nvidia RTX 4090)');
  assert.equal(describeBackend({ backend: 'webgpu', adapter: { ...nvidia, device: '' }, skipped: [] }), 'WebGPU (nvidia ignored)');
  const native = { backend: 'native', native: { runtime: 'onnxruntime-node', version: '1.30.0' }, skipped: [] } as const;
  assert.equal(describeBackend(native), 'native CPU (onnxruntime-node 1.30.0)');
  assert.deepEqual(backendDetails(native), ['onnxruntime-node 1.30.0']);
});

test('describeBackend with the names a command line uses; every backend has a title', () => {
  const native = { backend: 'native', native: { runtime: 'onnxruntime-node', version: '1.30.0' }, skipped: [] } as const;
  assert.equal(
    describeBackend(native, (b) => b),
    'native (onnxruntime-node 1.30.0)',
  );
  assert.deepEqual(Object.keys(BACKEND_TITLES).sort(), [...BACKENDS].sort());
});
