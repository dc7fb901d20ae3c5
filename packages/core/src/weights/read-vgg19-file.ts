/**
 * A VGG-19 weights file of any of the formats people hold it in, told apart by its content (the
 * extension only words the error): PyTorch's zip checkpoint, MatConvNet's `.mat`, Caffe's
 * `.caffemodel`, Keras's `.h5`. The one door from a file to a {@link FeatureNetwork}.
 */
import { WeightFileError, type WeightFileFormat } from '../errors.js';
import type { FeatureNetwork } from '../networks/feature-network.js';
import type { Vgg19Options } from '../networks/vgg19.js';
import type { ByteSource } from './byte-source.js';
import { readCaffeVgg19 } from './caffe-vgg19.js';
import { readKerasVgg19 } from './keras-vgg19.js';
import { readMatconvnetVgg19 } from './matconvnet-vgg19.js';
import { readPytorchVgg19 } from './pytorch-vgg19.js';
import { FORMAT_NAMES, type Vgg19Weights, vgg19Network } from './vgg19-weights.js';

/** The extensions each format's files carry. */
export const WEIGHT_FILE_EXTENSIONS: Readonly<Record<Exclude<WeightFileFormat, 'unknown'>, readonly string[]>> = {
  pytorch: ['.pth', '.pt', '.bin', '.ckpt'],
  matconvnet: ['.mat'],
  caffe: ['.caffemodel'],
  keras: ['.h5', '.hdf5', '.keras'],
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** What else a file's first bytes say it is, for the error when it is none of ours. */
function describeBytes(head: Uint8Array): string {
  const kinds: [readonly number[], string][] = [
    [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
    [[0xff, 0xd8, 0xff], 'a JPEG image'],
    [[0x47, 0x49, 0x46], 'a GIF image'],
    [[0x1f, 0x8b], 'a gzip archive'],
    [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  ];
  const kind = kinds.find(([magic]) => startsWith(head, magic));
  if (kind !== undefined) return kind[1];
  if (head.length === 0) return 'an empty file';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 64));
  if (/^[\x20-\x7e\s]+$/.test(text)) return text.trimStart().startsWith('{') ? 'JSON text' : `text ("${text.slice(0, 24).trim()}…")`;
  return `bytes ${Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

/** Whether `head` opens as a Caffe NetParameter: name (1), layers (2), input (3), input_dim (4) or layer (100), of a plausible length. */
function looksLikeCaffe(head: Uint8Array, size: number): boolean {
  let at = 0;
  const varint = () => {
    let [value, scale] = [0, 1];
    for (let i = 0; i < 10 && at < head.length; i += 1) {
      const byte = head[at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    return -1;
  };
  const key = varint();
  if (key === 4 * 8) return true; // input_dim, a varint
  if (![1, 2, 3, 100].some((field) => key === field * 8 + 2)) return false;
  const length = varint();
  return length >= 0 && at + length <= size;
}

/** The format of the weights file in `source`, from its first bytes; 'unknown' with what was found otherwise. */
export async function detectWeightFormat(source: ByteSource): Promise<{ format: WeightFileFormat; found: string }> {
  const head = await source.read(0, 1024);
  const text = new TextDecoder('latin1').decode(head.subarray(0, 20));
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { format: 'pytorch', found: 'a zip archive' };
  if (startsWith(head, [0x80, 0x02, 0x8a, 0x0a]) || new TextDecoder('latin1').decode(head.subarray(257, 262)) === 'ustar') {
    return { format: 'pytorch', found: 'a legacy PyTorch checkpoint' };
  }
  if (text.startsWith('MATLAB')) return { format: 'matconvnet', found: 'a MATLAB file' };
  if (startsWith(head, HDF5) || startsWith(head, HDF5, 512)) return { format: 'keras', found: 'an HDF5 file' };
  if (looksLikeCaffe(head, source.size)) return { format: 'caffe', found: 'a protobuf message' };
  return { format: 'unknown', found: describeBytes(head) };
}

/**
 * Reads VGG-19 from a PyTorch, MatConvNet, Caffe or Keras file, whichever its content shows.
 * `name` (the file's name) only words the error for a file that is none of them.
 */
export async function readVgg19File(source: ByteSource, { name }: { name?: string } = {}): Promise<Vgg19Weights> {
  const { format, found } = await detectWeightFormat(source);
  const readers = { pytorch: readPytorchVgg19, matconvnet: readMatconvnetVgg19, caffe: readCaffeVgg19, keras: readKerasVgg19 };
  if (format !== 'unknown') return readers[format](source);
  const lower = (name ?? '').toLowerCase();
  const expected = (Object.keys(WEIGHT_FILE_EXTENSIONS) as (keyof typeof WEIGHT_FILE_EXTENSIONS)[]).find((f) =>
    WEIGHT_FILE_EXTENSIONS[f].some((extension) => lower.endsWith(extension)),
  );
  const known = Object.values(FORMAT_NAMES).join(', ');
  throw new WeightFileError(
    expected === undefined
      ? `This is not a VGG-19 weights file: it is ${found}. Give a ${known}.`
      : `This file is named as a ${FORMAT_NAMES[expected]}, but it is ${found}: it is not one (or it is damaged).`,
    expected ?? 'unknown',
    found,
  );
}

/** The VGG-19 network of a weights file of any format ({@link readVgg19File}), with the preprocessing its weights expect. */
export async function loadVgg19File(
  source: ByteSource,
  options: Pick<Vgg19Options, 'pooling'> & { name?: string } = {},
): Promise<FeatureNetwork> {
  const { name, ...rest } = options;
  return vgg19Network(await readVgg19File(source, name === undefined ? {} : { name }), rest);
}
