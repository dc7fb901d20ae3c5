/**
 * VGG-19 from MatConvNet's SimpleNN `.mat` (`imagenet-vgg-verydeep-19.mat`, the file of the course's
 * exercise): `layers` is a cell of structs with `name`, `type` and `weights` = {W `[h, w, in, out]`,
 * b}; the input is RGB on 0…255 minus `normalization.averageImage` (`meta.normalization` in later
 * files). Ref: Vedaldi & Lenc, "MatConvNet: Convolutional Neural Networks for MATLAB", 2015.
 */
import { WeightFileError } from '../errors.js';
import { MATCONVNET_DEFAULT_INPUT, type Vgg19Input } from '../networks/vgg19-input.js';
import type { ByteSource } from './byte-source.js';
import { type MatValue, readMatFile } from './mat-file.js';
import { type FoundConv, hwioFromColumnMajor, VGG19_CONVS, type Vgg19Weights, vgg19Weights } from './vgg19-weights.js';

/** Arrays read in full: 3×3 kernels, and anything small (biases, mean pixels); fc6's 400 MB are passed over. */
const SMALL_ARRAY = 1 << 18;
const keep = (dims: readonly number[]) =>
  (dims.length === 4 && dims[0] === 3 && dims[1] === 3) || dims.reduce((n, d) => n * d, 1) <= SMALL_ARRAY;

const refuse = (message: string, found: string) => new WeightFileError(message, 'matconvnet', found);

type Struct = Readonly<Record<string, MatValue>>;

const text = (value: MatValue | undefined): string | undefined => (value?.kind === 'char' ? value.text : undefined);

/** The layers of a SimpleNN file: a cell of 1×1 structs, or a struct array. */
function layerStructs(layers: MatValue): Struct[] {
  if (layers.kind === 'struct') return [...layers.items];
  if (layers.kind === 'cell') return layers.items.flatMap((item) => (item.kind === 'struct' ? item.items : []));
  return [];
}

/** A conv layer's W and b: `weights` = {W, b} in current files, `filters` and `biases` in early ones. */
function convArrays(layer: Struct): [MatValue | undefined, MatValue | undefined] {
  const weights = layer.weights;
  if (weights?.kind === 'cell') return [weights.items[0], weights.items[1]];
  return [layer.filters, layer.biases];
}

function foundConv(name: string, layer: Struct): FoundConv {
  const [w, b] = convArrays(layer);
  if (w?.kind !== 'numeric' || b?.kind !== 'numeric' || w.data === undefined || b.data === undefined) {
    throw refuse(
      `This MatConvNet .mat file's ${name} has no weights array {W, b}: it is not a VGG-19 with its weights.`,
      `${name} without weights`,
    );
  }
  const dims = [...w.dims, 1, 1].slice(0, 4);
  return { kernel: hwioFromColumnMajor(w.data, dims), bias: { data: b.data, shape: [b.data.length] } };
}

/** The mean pixel to subtract: the file's `averageImage` (a pixel or a whole image), per channel. */
function meanPixel(variables: ReadonlyMap<string, MatValue>): Vgg19Input {
  const meta = variables.get('meta');
  const holder = meta?.kind === 'struct' ? meta.items[0]?.normalization : variables.get('normalization');
  const average = holder?.kind === 'struct' ? holder.items[0]?.averageImage : undefined;
  if (average?.kind !== 'numeric' || average.data === undefined || average.data.length % 3 !== 0 || average.data.length === 0) {
    return MATCONVNET_DEFAULT_INPUT;
  }
  // Column-major with channels last: channel c is the c-th third of the data.
  const pixels = average.data.length / 3;
  const mean = [0, 1, 2].map((c) => average.data!.subarray(c * pixels, (c + 1) * pixels).reduce((s, v) => s + v, 0) / pixels);
  return { kind: 'rgb255', mean };
}

/** Reads VGG-19 from a MatConvNet SimpleNN `.mat` file (level 5, compressed or not). */
export async function readMatconvnetVgg19(source: ByteSource): Promise<Vgg19Weights> {
  const variables = await readMatFile(source, keep);
  const layers = variables.get('layers');
  if (layers === undefined) {
    const names = [...variables.keys()].join(', ') || 'none';
    const found = variables.has('net') ? 'a DagNN network (variable net)' : `variables ${names}`;
    throw refuse(
      `This .mat file has no 'layers' (it has ${found}): it is not a MatConvNet SimpleNN network such as imagenet-vgg-verydeep-19.mat.`,
      found,
    );
  }
  const convs = new Map<string, FoundConv>();
  for (const layer of layerStructs(layers)) {
    const name = text(layer.name);
    if (text(layer.type) !== 'conv' || name === undefined || !VGG19_CONVS.includes(name)) continue;
    convs.set(name, foundConv(name, layer));
  }
  return vgg19Weights(convs, 'matconvnet', meanPixel(variables));
}
