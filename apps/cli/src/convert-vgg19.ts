/**
 * `nst convert-vgg19`: Keras's `vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5` → a TF.js
 * weights directory (model.json + one shard) holding only the conv layers style transfer uses,
 * as float32 or quantised to float16 or uint8 (per tensor, min/scale as tfjs decodes them).
 */
import { mkdir, open, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kerasLayerName, VGG19_LAYERS } from '@nst/core';
import { Dataset, File as H5File, ready as h5Ready } from 'h5wasm/node';
import { CliError } from './cli-error.js';
import { toFloat16Bits } from './float16.js';

export type Quantization = 'float32' | 'float16' | 'uint8';

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Weight {
  readonly name: string;
  readonly shape: number[];
  readonly values: Float32Array;
}

/** Reads the VGG-19 conv weights from a Keras h5 file (`save_weights` layout, TF dim ordering). */
export async function readKerasVgg19(path: string): Promise<Weight[]> {
  if ((await stat(path).catch(() => undefined))?.isFile() !== true) throw new CliError(`${path}: no such file.`);
  const signature = Buffer.alloc(8);
  const handle = await open(path, 'r');
  await handle.read(signature, 0, 8, 0).finally(() => handle.close());
  if (!signature.equals(HDF5_SIGNATURE)) throw new CliError(`${path}: not an HDF5 (.h5) file.`);
  await h5Ready;
  const file = new H5File(path, 'r');
  try {
    const weights: Weight[] = [];
    for (const [layer] of VGG19_LAYERS) {
      const keras = kerasLayerName(layer);
      for (const kind of ['kernel', 'bias'] as const) {
        const name = `${keras}/${kind}`;
        const entity = file.get(`${keras}/${keras}/${kind}:0`) ?? file.get(`model_weights/${keras}/${keras}/${kind}:0`);
        if (!(entity instanceof Dataset) || entity.shape === null) {
          throw new CliError(`${path}: no dataset for ${name}; this is not Keras's VGG-19 weights file (…_notop.h5).`);
        }
        const value = entity.value;
        if (!(value instanceof Float32Array || value instanceof Float64Array))
          throw new CliError(`${path}: ${name} is not floating point.`);
        weights.push({ name, shape: entity.shape, values: Float32Array.from(value) });
      }
    }
    return weights;
  } finally {
    file.close();
  }
}

/** Encodes `weights` as tfjs does, returning the manifest entries and the shard bytes. */
export function encodeWeights(weights: readonly Weight[], quantization: Quantization) {
  const entries: Record<string, unknown>[] = [];
  const chunks: Uint8Array[] = [];
  for (const { name, shape, values } of weights) {
    if (quantization === 'float32') {
      entries.push({ name, shape, dtype: 'float32' });
      chunks.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    } else if (quantization === 'float16') {
      entries.push({ name, shape, dtype: 'float32', quantization: { dtype: 'float16' } });
      chunks.push(new Uint8Array(Uint16Array.from(values, toFloat16Bits).buffer));
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)];
      const scale = max > min ? (max - min) / 255 : 1;
      entries.push({ name, shape, dtype: 'float32', quantization: { dtype: 'uint8', min, scale } });
      chunks.push(Uint8Array.from(values, (v) => Math.round((v - min) / scale)));
    }
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const shard = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    shard.set(chunk, offset);
    offset += chunk.length;
  }
  return { entries, shard };
}

/** Converts `h5Path` into `outDir`; returns the files written. */
export async function convertVgg19(h5Path: string, outDir: string, quantization: Quantization): Promise<string[]> {
  const weights = await readKerasVgg19(h5Path);
  const { entries, shard } = encodeWeights(weights, quantization);
  await mkdir(outDir, { recursive: true });
  const shardName = 'group1-shard1of1.bin';
  const model = {
    format: 'nst-vgg19-weights',
    generatedBy: `nst convert-vgg19 (${quantization})`,
    weightsManifest: [{ paths: [shardName], weights: entries }],
  };
  await writeFile(join(outDir, shardName), shard);
  await writeFile(join(outDir, 'model.json'), `${JSON.stringify(model, null, 1)}\n`);
  return [join(outDir, 'model.json'), join(outDir, shardName)];
}
