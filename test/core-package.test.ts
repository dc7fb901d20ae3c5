/** @nst/core as an app imports it: the built package, through its `exports`, in a fresh process. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as core from '@nst/core';

describe('@nst/core, built', () => {
  test('resolves to dist/ with type declarations', () => {
    const entry = import.meta.resolve('@nst/core');
    assert.match(entry, /packages\/core\/dist\/index\.js$/);
    const manifest = JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as { exports: { '.': { types: string } } };
    assert.equal(manifest.exports['.'].types, './dist/index.d.ts');
    assert.ok(readFileSync(new URL('index.d.ts', entry), 'utf8').includes('gramMatrix'));
  });

  test('exports the cost functions, the backend chooser, the errors and the tf it uses', () => {
    for (const name of ['gramMatrix', 'contentCost', 'layerStyleCost', 'styleCost', 'totalCost', 'totalVariation', 'initBackend']) {
      assert.equal(typeof core[name as keyof typeof core], 'function', name);
    }
    assert.ok(new core.UnknownLayerError('x') instanceof core.NstError);
    assert.equal(typeof core.tf.matMul, 'function');
  });

  test('runs a total cost in a plain Node process on the backend auto chooses', () => {
    const script = `
      import { initBackend, tf, contentCost, styleCost, totalCost } from '@nst/core';
      const report = await initBackend();
      const a = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
      const z = tf.zeros([1, 2, 2, 2]);
      const j = totalCost(contentCost(a, z), styleCost({ l: a }, { l: z }, { l: 1 }), { alpha: 1, beta: 1 });
      console.log(JSON.stringify({ backend: report.backend, j: (await j.data())[0] }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const { backend, j } = JSON.parse(out.trim().split('\n').at(-1)!) as { backend: string; j: number };
    assert.ok(['webgpu', 'native', 'wasm'].includes(backend), backend);
    // J_content = 204/32 (Σ a² = 204), J_style = 41456/256 (see the unit tests).
    assert.ok(Math.abs(j - (204 / 32 + 41456 / 256)) < 1e-3, String(j));
  });
});
