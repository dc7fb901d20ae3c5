/**
 * `nst convert-vgg19`: a VGG-19 weights file of any format @nst/core reads (PyTorch .pth,
 * MatConvNet .mat, Caffe .caffemodel, Keras .h5) → a TF.js weights directory (model.json + one
 * shard) holding only the conv layers style transfer uses, as float32 or quantised to float16 or
 * uint8 (per tensor, min/scale as tfjs decodes them), and the input the weights expect
 * (`userDefinedMetadata.nstInput`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMAT_NAMES } from '@nst/core';
import { toFloat16Bits } from './float16.js';
import { readWeightsFile } from './network-flag.js';

export type Quantization = 'float32' | 'float16' | 'uint8';

interface Weight {
  readonly name: string;
  readonly shape: number[];
  readonly values: Float32Array;
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

/** Converts the weights file at `path` into `outDir`; returns the files written. */
export async function convertVgg19(path: string, outDir: string, quantization: Quantization): Promise<string[]> {
  const read = await readWeightsFile(path, 'convert-vgg19');
  const weights = [...read.weights].map(([name, { data, shape }]) => ({ name, shape: [...shape], values: data }));
  const { entries, shard } = encodeWeights(weights, quantization);
  await mkdir(outDir, { recursive: true });
  const shardName = 'group1-shard1of1.bin';
  const model = {
    format: 'nst-vgg19-weights',
    generatedBy: `nst convert-vgg19 (${quantization}, from a ${FORMAT_NAMES[read.format]})`,
    userDefinedMetadata: { nstInput: read.input },
    weightsManifest: [{ paths: [shardName], weights: entries }],
  };
  await writeFile(join(outDir, shardName), shard);
  await writeFile(join(outDir, 'model.json'), `${JSON.stringify(model, null, 1)}\n`);
  return [join(outDir, 'model.json'), join(outDir, shardName)];
}
