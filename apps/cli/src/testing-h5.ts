import { File as H5File, ready } from 'h5wasm/node';
import { kerasLayerName, VGG19_LAYERS } from '@nst/core';

/** Writes a Keras-layout VGG-19 weights file, `width` channels per layer, seeded values. */
export async function writeNarrowVgg19H5(path: string, width = 4, { skip }: { skip?: string } = {}): Promise<Map<string, Float32Array>> {
  await ready;
  const file = new H5File(path, 'w');
  const written = new Map<string, Float32Array>();
  let channels = 3;
  let seed = 1;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 0.4 - 0.2;
  for (const [layer] of VGG19_LAYERS) {
    const keras = kerasLayerName(layer);
    const group = file.create_group(keras).create_group(keras);
    const kernel = Float32Array.from({ length: 9 * channels * width }, next);
    const bias = Float32Array.from({ length: width }, next);
    if (`${keras}/kernel` !== skip) group.create_dataset({ name: 'kernel:0', data: kernel, shape: [3, 3, channels, width], dtype: '<f' });
    group.create_dataset({ name: 'bias:0', data: bias, shape: [width], dtype: '<f' });
    written.set(`${keras}/kernel`, kernel).set(`${keras}/bias`, bias);
    channels = width;
  }
  file.close();
  return written;
}
