import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { vgg19Fixture } from '../testing/vgg19-fixtures.js';
import { bytesSource } from './byte-source.js';
import { type MatValue, readMatFile } from './mat-file.js';

const values = (value: MatValue | undefined) => (value?.kind === 'numeric' ? [...(value.data ?? [])] : value);

describe('MAT level 5 (scipy.io.savemat, uncompressed)', () => {
  test('reads each kind of array exactly, numbers in MATLAB (column-major) order', async () => {
    const vars = await readMatFile(bytesSource(await readFile(vgg19Fixture('mat-types.mat'))), () => true);
    assert.deepEqual(vars.get('d')?.dims, [2, 2]);
    assert.deepEqual(values(vars.get('d')), [1.5, 3, -2, 4.25]);
    assert.deepEqual(values(vars.get('i8')), [-3, 7]);
    assert.deepEqual(values(vars.get('u16')), [65535]);
    assert.deepEqual(vars.get('s'), { kind: 'char', dims: [1, 7], text: 'conv1_1' });
    const cell = vars.get('c');
    assert.ok(cell?.kind === 'cell');
    assert.deepEqual(values(cell.items[0]), [0.5, 1.5, -2.5]);
    assert.equal(cell.items[1]?.kind === 'char' && cell.items[1].text, 'relu');
    const struct = vars.get('st');
    assert.ok(struct?.kind === 'struct');
    assert.equal(struct.items[0]?.name?.kind === 'char' && struct.items[0].name.text, 'pool1');
    assert.deepEqual(values(struct.items[0]?.pool), [2, 2]);
  });

  test('passes over the arrays it is not asked to keep', async () => {
    const vars = await readMatFile(bytesSource(await readFile(vgg19Fixture('mat-types.mat'))), (dims) => dims[0] !== 2);
    assert.deepEqual(vars.get('d'), { kind: 'numeric', dims: [2, 2], data: undefined });
    assert.deepEqual(values(vars.get('i8')), [-3, 7]);
  });
});
