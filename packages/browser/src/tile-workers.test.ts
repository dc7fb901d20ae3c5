import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BackendReport, StylizeOptions } from '@nst/core';
import { StyleRunner, runsOn } from './style-runner.js';
import { BLOCKED_BY_POLICY, parsePageToTileWorker } from '@nst/core';
import { defaultWorkerCount, MAX_TILE_WORKERS, startTileWorkers, type TileWorkerStatus } from './tile-workers.js';
import { inMemoryWasmPaths, WASM_FILES } from './wasm-binaries.js';

const wasm: BackendReport = { backend: 'wasm', skipped: [] };

describe('tile workers in a browser', () => {
  test('the "Runs on" line says where tiles run: on workers, in the page and why, or nothing off wasm', () => {
    assert.equal(runsOn(wasm, { workers: 4 }), 'Runs on WebAssembly, 4 workers');
    assert.equal(
      runsOn(wasm, { workers: 0, reason: BLOCKED_BY_POLICY }),
      "Runs on WebAssembly, in this page (workers blocked by the page's policy)",
    );
    assert.equal(runsOn({ backend: 'webgpu', skipped: [] }), 'Runs on WebGPU');
  });

  test('a worker for each core, at most MAX_TILE_WORKERS, at least 1', () => {
    assert.deepEqual(
      [1, 2, 3, 8, 64, 0, Number.NaN].map((cores) => defaultWorkerCount(cores)),
      [1, 2, 3, MAX_TILE_WORKERS, MAX_TILE_WORKERS, 1, 1],
    );
  });

  test('one core, or no Worker (Node has none), and tiles stay in the page, saying why', async () => {
    const never = () => Promise.reject(new Error('not asked for'));
    assert.deepEqual(await startTileWorkers({ wasm: never, count: 1 }), { workers: 0, reason: 'one core' });
    assert.deepEqual(await startTileWorkers({ wasm: never, count: 4 }), { workers: 0, reason: 'no Web Workers here' });
  });

  test('the runner starts the workers once, only on wasm, and stylizes on as many as started', async () => {
    let started = 0;
    const seen: (number | undefined)[] = [];
    let backend: BackendReport = wasm;
    const runner = new StyleRunner({
      initBackend: () => Promise.resolve(backend),
      tileWorkers: () => {
        started++;
        return Promise.resolve<TileWorkerStatus>({ workers: 3 });
      },
      stylize: (options: StylizeOptions) => {
        seen.push(options.workers);
        return Promise.resolve(options.content);
      },
    });
    const content = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    assert.deepEqual(await runner.tiles('wasm'), { workers: 3 });
    await runner.stylize({ content, styles: [{ image: content }] }, 'wasm');
    await runner.stylize({ content, styles: [{ image: content }], workers: 1 }, 'wasm');
    backend = { backend: 'webgl', skipped: [] };
    assert.equal(await runner.tiles('webgl'), undefined, 'a GPU backend runs its tiles itself');
    await runner.stylize({ content, styles: [{ image: content }] }, 'webgl');
    assert.deepEqual(seen, [3, 1, undefined], "the workers that started; a caller's own count wins; none off wasm");
    assert.equal(started, 1);
  });

  test('a blocked pool leaves stylize in the page', async () => {
    const seen: (number | undefined)[] = [];
    const runner = new StyleRunner({
      initBackend: () => Promise.resolve(wasm),
      tileWorkers: () => Promise.resolve({ workers: 0, reason: BLOCKED_BY_POLICY }),
      stylize: (options: StylizeOptions) => {
        seen.push(options.workers);
        return Promise.resolve(options.content);
      },
    });
    const content = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    await runner.stylize({ content, styles: [{ image: content }] }, 'wasm');
    assert.deepEqual(seen, [undefined]);
  });

  test("a worker's messages are checked: anything else is ignored", () => {
    assert.deepEqual(parsePageToTileWorker({ nst: 'probe' }), { nst: 'probe' });
    const tile = { nst: 'tile', message: { kind: 'clear', id: 1 } };
    assert.equal(parsePageToTileWorker(tile), tile);
    for (const bad of [undefined, null, 'probe', { nst: 'run' }, { nst: 'setup' }, { nst: 'tile', message: 3 }, { kind: 'clear', id: 1 }]) {
      assert.equal(parsePageToTileWorker(bad), undefined, JSON.stringify(bad));
    }
  });

  test('wasm binaries in memory: each file fetched by its URL gets its own bytes, the threaded entry the SIMD build', async () => {
    const scope: { fetch: typeof fetch } = { fetch: () => Promise.reject(new Error('a request went out')) };
    const paths = inMemoryWasmPaths({ plain: new Uint8Array([1, 2]), simd: new Uint8Array([3, 4, 5]) }, scope);
    const bytes = async (file: keyof typeof paths) => [...new Uint8Array(await (await scope.fetch(paths[file])).arrayBuffer())];
    assert.deepEqual(await bytes(WASM_FILES.plain), [1, 2]);
    assert.deepEqual(await bytes(WASM_FILES.simd), [3, 4, 5]);
    assert.equal(paths[WASM_FILES.threaded], paths[WASM_FILES.simd]);
  });
});
