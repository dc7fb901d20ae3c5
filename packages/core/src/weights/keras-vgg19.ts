/**
 * VGG-19 from Keras's weights file (`vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5`, or a whole
 * saved model's `model_weights`): datasets `block1_conv1/block1_conv1/kernel:0` `[h, w, in, out]`,
 * converted from Caffe's, so the input is Caffe's BGR·255 − mean. Ref: keras/applications/vgg19.py.
 */
import { kerasLayerName } from '../networks/vgg19.js';
import type { ByteSource } from './byte-source.js';
import { Hdf5File } from './hdf5-file.js';
import { hdf5Error } from './hdf5-object-header.js';
import { type FoundConv, VGG19_CONVS, type Vgg19Weights, vgg19Weights } from './vgg19-weights.js';

/** Where Keras puts a layer's weight: under the root (save_weights), or under model_weights (model.save). */
const weightPaths = (keras: string, kind: 'kernel' | 'bias') => [
  `${keras}/${keras}/${kind}:0`,
  `model_weights/${keras}/${keras}/${kind}:0`,
];

/** Reads VGG-19 from a Keras HDF5 weights file. */
export async function readKerasVgg19(source: ByteSource): Promise<Vgg19Weights> {
  const file = await Hdf5File.open(source);
  const find = async (keras: string, kind: 'kernel' | 'bias') => {
    for (const path of weightPaths(keras, kind)) {
      const found = await file.dataset(path);
      if (found !== undefined) return { data: found.values, shape: found.shape };
    }
    return undefined;
  };
  const convs = new Map<string, FoundConv>();
  for (const layer of VGG19_CONVS) {
    const [kernel, bias] = [await find(kerasLayerName(layer), 'kernel'), await find(kerasLayerName(layer), 'bias')];
    if (kernel !== undefined && bias !== undefined) convs.set(layer, { kernel, bias });
  }
  if (convs.size === 0) {
    throw hdf5Error(
      "This .h5 file has no Keras VGG layers (block1_conv1/block1_conv1/kernel:0 …): it is not Keras's VGG-19 weights file (…_notop.h5).",
      'no VGG layers',
    );
  }
  return vgg19Weights(convs, 'keras', { kind: 'caffe' });
}
