/**
 * VGG-19 from a PyTorch checkpoint (torchvision's `vgg19-dcbb9e9d.pth` re-saved, or any
 * `torch.save(model.state_dict())` of a torchvision VGG-19): a zip holding `data.pkl`, the pickled
 * state dict whose tensors point at storages `data/<key>`. Only the pickle and the 16 conv layers'
 * storages are read. Weights are `[out, in, h, w]`; the input is ImageNet-standardised RGB on [0, 1].
 * The pickle is read as data: nothing in it is run. Ref: pytorch/torch/serialization.py (`_save`,
 * `_load`), torch/_utils.py (`_rebuild_tensor_v2`); torchvision/models/vgg.py (cfg 'E').
 */
import { LegacyCheckpointError, WeightFileError } from '../errors.js';
import type { StoredWeight } from '../networks/vgg19.js';
import type { ByteSource } from './byte-source.js';
import { isCall, isGlobal, type PickleValue, unpickle } from './pickle.js';
import { type FoundConv, hwioFromOihw, type Vgg19Weights, vgg19Weights } from './vgg19-weights.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-archive.js';

/** A tensor in the state dict: where its values are, and how they are laid out. */
interface TensorRef {
  readonly storage: { readonly key: string; readonly dtype: string };
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** A legacy checkpoint opens with a pickled LONG1 of torch's magic number 0x1950a86a20f9469cfc6c. */
const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = { FloatStorage: 4, DoubleStorage: 8, HalfStorage: 2, BFloat16Storage: 2 };

const refuse = (message: string, found: string) => new WeightFileError(message, 'pytorch', found);
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** Refuses a file that is not a zip checkpoint, naming the legacy formats (which are not read) as such. */
async function assertZipCheckpoint(source: ByteSource): Promise<void> {
  const head = await source.read(0, 512);
  if (startsWith(head, ZIP_MAGIC)) return;
  const tar = new TextDecoder('latin1').decode(head.subarray(257, 262)) === 'ustar';
  if (tar || startsWith(head, LEGACY_MAGIC)) {
    const found = tar ? 'the tar format of PyTorch 0.1–0.3' : 'the legacy format of PyTorch before 1.6';
    throw new LegacyCheckpointError(
      `This PyTorch checkpoint is in ${found}, which is not read. Re-save it as a zip checkpoint with PyTorch 1.6 or later: ` +
        "python3 -c \"import torch; torch.save(torch.load('OLD.pth'), 'NEW.pth')\"",
      'pytorch',
      found,
    );
  }
  throw refuse('This is not a PyTorch checkpoint: it is neither a zip (PyTorch ≥ 1.6) nor a legacy pickle.', 'neither zip nor pickle');
}

/** `('storage', torch.FloatStorage, key, location, numel)` → the storage it names. */
function storageOf(id: PickleValue): TensorRef['storage'] {
  if (!Array.isArray(id) || id[0] !== 'storage' || typeof id[2] !== 'string')
    throw refuse('This checkpoint names a storage it does not describe: it is corrupt.', 'a bad storage id');
  const type = id[1];
  const dtype = typeof type === 'object' && type !== null && 'name' in type ? String(type.name) : String(type);
  return { key: id[2], dtype };
}

/** A `_rebuild_tensor_v2` (or `_rebuild_parameter` of one) call as a {@link TensorRef}; undefined for anything else. */
function tensorRef(value: PickleValue): TensorRef | undefined {
  if (!isCall(value)) return undefined;
  if (isGlobal(value.callee, 'torch._utils', '_rebuild_parameter')) return tensorRef(value.args[0] ?? null);
  if (!isGlobal(value.callee, 'torch._utils', '_rebuild_tensor_v2')) return undefined;
  const [storage, offset, shape, stride] = value.args;
  if (typeof storage !== 'object' || storage === null || !('kind' in storage) || storage.kind !== 'persistent') return undefined;
  if (!Array.isArray(shape) || !Array.isArray(stride)) return undefined;
  return { storage: storage.value as TensorRef['storage'], offset: Number(offset), shape: shape.map(Number), stride: stride.map(Number) };
}

/** The state dict in a checkpoint: the top dict, or its `state_dict` / `model` entry (training checkpoints). */
function stateDict(top: PickleValue): Map<PickleValue, PickleValue> {
  if (top instanceof Map) {
    for (const key of ['state_dict', 'model']) {
      const inner = top.get(key);
      if (inner instanceof Map) return inner;
    }
    return top;
  }
  const what = isCall(top)
    ? describeGlobal(isGlobal(top.callee, 'copyreg', '_reconstructor') ? (top.args[0] ?? null) : top.callee)
    : 'an object';
  throw refuse(
    `This PyTorch checkpoint holds a whole pickled model (${what}), not a state dict. Save its state dict instead: torch.save(model.state_dict(), 'vgg19.pth').`,
    `a pickled model (${what})`,
  );
}

const describeGlobal = (value: PickleValue): string =>
  typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'global' ? `${value.module}.${value.name}` : 'an object';

/**
 * The conv layers of a torchvision VGG's `features`, named by block: consecutive convs two indices
 * apart (conv, ReLU) share a block, three apart (conv, ReLU, pool) start the next.
 */
function convsByBlock(dict: Map<PickleValue, PickleValue>): Map<string, { weight: TensorRef; bias: TensorRef }> {
  const found = new Map<string, Map<number, { weight: TensorRef; bias: TensorRef }>>();
  for (const [key, value] of dict) {
    const match = typeof key === 'string' ? /^(.*?)(\d+)\.weight$/.exec(key) : null;
    const weight = tensorRef(value);
    const bias = match ? tensorRef(dict.get(`${match[1]}${match[2]}.bias`) ?? null) : undefined;
    if (!match || weight === undefined || bias === undefined || weight.shape.length !== 4) continue;
    if (dict.has(`${match[1]}${Number(match[2]) + 1}.running_mean`)) {
      throw refuse(
        'This PyTorch checkpoint is VGG-19 with batch normalisation (vgg19_bn), whose features differ: use vgg19 (without _bn).',
        'vgg19_bn',
      );
    }
    const group = found.get(match[1]!) ?? new Map<number, { weight: TensorRef; bias: TensorRef }>();
    found.set(match[1]!, group.set(Number(match[2]), { weight, bias }));
  }
  const largest = [...found.values()].sort((a, b) => b.size - a.size)[0] ?? new Map<number, { weight: TensorRef; bias: TensorRef }>();
  const named = new Map<string, { weight: TensorRef; bias: TensorRef }>();
  let [block, within, previous] = [1, 0, -1];
  for (const index of [...largest.keys()].sort((a, b) => a - b)) {
    if (previous >= 0 && index - previous > 2) [block, within] = [block + 1, 0];
    within += 1;
    previous = index;
    named.set(`conv${block}_${within}`, largest.get(index)!);
  }
  return named;
}

/** A tensor's values as float32, in row-major order of its shape (any strides). */
async function tensorValues(
  source: ByteSource,
  entries: ReadonlyMap<string, ZipEntry>,
  prefix: string,
  tensor: TensorRef,
): Promise<StoredWeight> {
  const size = BYTES_PER_ELEMENT[tensor.storage.dtype];
  const entry = entries.get(`${prefix}data/${tensor.storage.key}`);
  if (size === undefined)
    throw refuse(
      `This checkpoint's weights are ${tensor.storage.dtype}; float32, float64, float16 and bfloat16 are read.`,
      tensor.storage.dtype,
    );
  if (entry === undefined)
    throw refuse(`This PyTorch checkpoint lacks the storage data/${tensor.storage.key}: it is truncated or corrupt.`, 'a missing storage');
  const bytes = await readZipEntry(source, entry);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (i: number): number => {
    const at = i * size;
    if (at + size > bytes.length)
      throw refuse(`The storage data/${tensor.storage.key} is shorter than its tensor: the checkpoint is corrupt.`, 'a short storage');
    if (tensor.storage.dtype === 'FloatStorage') return view.getFloat32(at, true);
    if (tensor.storage.dtype === 'DoubleStorage') return view.getFloat64(at, true);
    if (tensor.storage.dtype === 'BFloat16Storage')
      return new Float32Array(new Uint32Array([view.getUint16(at, true) << 16]).buffer)[0] ?? NaN;
    return float16(view.getUint16(at, true));
  };
  const count = tensor.shape.reduce((n, d) => n * d, 1);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i += 1) {
    let [rest, element] = [i, tensor.offset];
    for (let axis = tensor.shape.length - 1; axis >= 0; axis -= 1) {
      element += (rest % tensor.shape[axis]!) * tensor.stride[axis]!;
      rest = Math.floor(rest / tensor.shape[axis]!);
    }
    data[i] = read(element);
  }
  return { data, shape: tensor.shape };
}

/** IEEE half-precision bits → number. */
function float16(bits: number): number {
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  const sign = bits & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Reads VGG-19 from a PyTorch zip checkpoint of a torchvision VGG-19's state dict. */
export async function readPytorchVgg19(source: ByteSource): Promise<Vgg19Weights> {
  await assertZipCheckpoint(source);
  const entries = await readZipDirectory(source);
  const pickle = [...entries.values()].find((entry) => /(^|\/)data\.pkl$/.test(entry.name));
  if (pickle === undefined)
    throw refuse(
      'This zip is not a PyTorch checkpoint: it has no data.pkl.',
      `a zip without data.pkl (${[...entries.keys()].slice(0, 3).join(', ')})`,
    );
  const prefix = pickle.name.slice(0, -'data.pkl'.length);
  const order = entries.get(`${prefix}byteorder`);
  if (order !== undefined && new TextDecoder().decode(await readZipEntry(source, order)) !== 'little') {
    throw refuse('This PyTorch checkpoint was saved big-endian; re-save it on a little-endian machine.', 'a big-endian checkpoint');
  }
  const { value } = unpickle(await readZipEntry(source, pickle), storageOf);
  const convs = new Map<string, FoundConv>();
  for (const [name, { weight, bias }] of convsByBlock(stateDict(value))) {
    const kernel = await tensorValues(source, entries, prefix, weight);
    convs.set(name, { kernel: hwioFromOihw(kernel.data, kernel.shape), bias: await tensorValues(source, entries, prefix, bias) });
  }
  return vgg19Weights(convs, 'pytorch', { kind: 'imagenet' });
}
