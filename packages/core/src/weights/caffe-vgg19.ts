/**
 * VGG-19 from Caffe's `.caffemodel` (`VGG_ILSVRC_19_layers.caffemodel`, the weights of the original
 * neural-style): a NetParameter protobuf whose layers are V1LayerParameter (`layers`, field 2, as in
 * that file) or LayerParameter (`layer`, field 100). Only the conv layers' blobs are read; fc6's
 * 400 MB are passed over. Weights are `[out, in, h, w]` over BGR input on 0…255 minus the mean pixel.
 * Ref: BVLC/caffe, src/caffe/proto/caffe.proto; Simonyan & Zisserman, ICLR 2015 (the model's page).
 */
import { WeightFileError } from '../errors.js';
import { ByteReader, sourceChunks } from './byte-reader.js';
import type { ByteSource } from './byte-source.js';
import { MessageBytes, readVarint, skipField, WIRE } from './protobuf-wire.js';
import { type FoundConv, hwioFromOihw, VGG19_CONVS, type Vgg19Weights, vgg19Weights } from './vgg19-weights.js';

/** caffe.proto's field numbers for the two layer messages; V1's type is an enum (CONVOLUTION = 4). */
const V1 = { net: 2, name: 4, type: 5, blobs: 6, convolution: 4 };
const V2 = { net: 100, name: 1, type: 2, blobs: 7, convolution: 'Convolution' };
const BLOB = { num: 1, channels: 2, height: 3, width: 4, data: 5, shape: 7, doubleData: 8 };

const refuse = (message: string, found: string) => new WeightFileError(message, 'caffe', found);
const ended = (position: number) =>
  refuse(`The .caffemodel ends early, inside the field at byte ${position}: it is truncated (copy it again).`, 'a truncated file');

/** A BlobProto's values and shape (BlobShape, or the legacy num/channels/height/width). */
function readBlob(bytes: Uint8Array): { data: Float32Array; shape: number[] } {
  const message = new MessageBytes(bytes);
  const legacy = [1, 1, 1, 1];
  let shape: number[] | undefined;
  const values: number[] = [];
  while (!message.done) {
    const { field, wire } = message.key();
    if (field >= BLOB.num && field <= BLOB.width && wire === WIRE.varint) legacy[field - 1] = message.varint();
    else if (field === BLOB.data && wire === WIRE.len) {
      const packed = new MessageBytes(message.len());
      while (!packed.done) values.push(packed.float());
    } else if (field === BLOB.data && wire === WIRE.i32) values.push(message.float());
    else if (field === BLOB.doubleData && wire === WIRE.len) {
      const packed = new MessageBytes(message.len());
      while (!packed.done) values.push(packed.double());
    } else if (field === BLOB.shape && wire === WIRE.len) {
      const dims = new MessageBytes(message.len());
      shape = [];
      while (!dims.done) {
        const key = dims.key();
        if (key.field === 1 && key.wire === WIRE.len) {
          const packed = new MessageBytes(dims.len());
          while (!packed.done) shape.push(packed.varint());
        } else if (key.field === 1 && key.wire === WIRE.varint) shape.push(dims.varint());
        else dims.skip(key.wire);
      }
    } else message.skip(wire);
  }
  return { data: Float32Array.from(values), shape: shape ?? legacy };
}

/** One layer message: its name and whether it is a convolution, and (for the convs asked for) its blobs. */
async function readLayer(
  reader: ByteReader,
  length: number,
  v: typeof V1 | typeof V2,
): Promise<{ name: string; conv: boolean; blobs: Uint8Array[] }> {
  const end = reader.position + length;
  let [name, conv] = ['', false];
  const blobs: Uint8Array[] = [];
  while (reader.position < end) {
    const key = await readVarint(reader);
    const [field, wire] = [Math.floor(key / 8), key % 8];
    if (field === v.name && wire === WIRE.len) name = new TextDecoder().decode(await reader.bytes(await readVarint(reader)));
    else if (field === v.type && wire === WIRE.varint) conv = (await readVarint(reader)) === v.convolution;
    else if (field === v.type && wire === WIRE.len)
      conv = new TextDecoder().decode(await reader.bytes(await readVarint(reader))) === v.convolution;
    else if (field === v.blobs && wire === WIRE.len && conv && VGG19_CONVS.includes(name))
      blobs.push((await reader.bytes(await readVarint(reader))).slice());
    else await skipField(reader, wire);
  }
  if (reader.position !== end) throw refuse('A layer of this .caffemodel overruns its length: the file is corrupt.', 'a corrupt layer');
  return { name, conv, blobs };
}

/** Reads VGG-19 from a Caffe `.caffemodel` (NetParameter, V1 or current layers). */
export async function readCaffeVgg19(source: ByteSource): Promise<Vgg19Weights> {
  const reader = new ByteReader(sourceChunks(source), ended);
  const convs = new Map<string, FoundConv>();
  let layerCount = 0;
  try {
    while (!(await reader.atEnd())) {
      const key = await readVarint(reader);
      const [field, wire] = [Math.floor(key / 8), key % 8];
      const v = field === V1.net ? V1 : field === V2.net ? V2 : undefined;
      if (v === undefined || wire !== WIRE.len) {
        await skipField(reader, wire);
        continue;
      }
      layerCount += 1;
      const layer = await readLayer(reader, await readVarint(reader), v);
      if (layer.blobs.length === 0) continue;
      const [weights, bias] = layer.blobs.map(readBlob);
      if (
        weights === undefined ||
        bias === undefined ||
        weights.shape.length !== 4 ||
        weights.data.length !== weights.shape.reduce((n, d) => n * d, 1)
      ) {
        throw refuse(
          `This .caffemodel's ${layer.name} has no [out, in, h, w] weights and bias: it is not VGG-19 with its weights.`,
          `${layer.name} without weights`,
        );
      }
      convs.set(layer.name, { kernel: hwioFromOihw(weights.data, weights.shape), bias: { data: bias.data, shape: [bias.data.length] } });
    }
  } catch (error) {
    if (error instanceof WeightFileError) throw error;
    throw refuse(
      `This is not a Caffe .caffemodel (its protobuf cannot be read: ${error instanceof Error ? error.message : String(error)}).`,
      'no protobuf',
    );
  }
  if (layerCount === 0) throw refuse('This is not a Caffe .caffemodel: it has no layers.', 'no layers');
  return vgg19Weights(convs, 'caffe', { kind: 'caffe' });
}
