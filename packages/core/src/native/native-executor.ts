/**
 * The native engine's {@link TileExecutor}: each tile pass is one ONNX Runtime session run on
 * native CPU kernels, every core through ONNX Runtime's own intra-op threads, so tiles run one at
 * a time and no worker_threads are needed. Sessions are built per crop size, core and layers, and
 * kept (up to {@link MAX_SESSIONS}) for the next evaluation; content targets are kept as the
 * tfjs runner keeps them, up to a byte budget.
 */
import * as tf from '@tensorflow/tfjs';
import type * as Ort from 'onnxruntime-node';
import { InvalidModelError } from '../errors.js';
import type { ConvNet } from '../networks/conv-net.js';
import type { TileExecutor } from '../tiling/tile-executor.js';
import { networkGeometry, type NetworkGeometry } from '../tiling/tile-plan.js';
import type { BackwardRequest, BackwardResult, ForwardRequest, ForwardResult } from '../tiling/tile-runner.js';
import { type AffineMap, NetworkGraph } from './network-graph.js';
import type { OnnxRuntime } from './onnx-runtime.js';
import { backwardModel, contentTargetModel, forwardModel, TILE_IO } from './tile-graphs.js';

/** Sessions kept at once; the least recently used beyond are released. */
export const MAX_SESSIONS = 48;

/** Content targets kept per executor, in bytes; beyond, they are recomputed. */
export const NATIVE_CONTENT_CACHE_BYTES = 256 * 2 ** 20;

/**
 * The network's preprocessing as a per-pixel affine map, read off by running it on black and the
 * three primaries, then checked on a random colour: the native graphs apply it as a 1×1 convolution.
 */
export async function affinePreprocess(network: ConvNet): Promise<AffineMap> {
  const probe = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.3, 0.8, 0.55];
  const out = tf.tidy(() => network.spec.preprocess(tf.tensor4d(probe, [1, 1, 5, 3])));
  const v = await out.data();
  out.dispose();
  const bias = Float32Array.from(v.subarray(0, 3));
  const matrix = new Float32Array(9);
  for (let k = 0; k < 3; k++) for (let c = 0; c < 3; c++) matrix[k * 3 + c] = v[(c + 1) * 3 + k]! - bias[k]!;
  for (let k = 0; k < 3; k++) {
    const expected = bias[k]! + matrix[k * 3]! * 0.3 + matrix[k * 3 + 1]! * 0.8 + matrix[k * 3 + 2]! * 0.55;
    if (Math.abs(expected - v[12 + k]!) > 1e-3 * (1 + Math.abs(expected))) {
      throw new InvalidModelError(
        `${network.name}: its preprocessing is not a per-pixel affine map of RGB, which the native engine needs.`,
      );
    }
  }
  return { matrix, bias };
}

const boxKey = (b: { top: number; left: number; bottom: number; right: number }) => `${b.top},${b.left},${b.bottom},${b.right}`;

/** A {@link TileExecutor} on ONNX Runtime, with `threads` intra-op threads. */
export class NativeExecutor implements TileExecutor {
  readonly concurrency = 1;
  readonly #ort: OnnxRuntime;
  readonly #net: NetworkGraph;
  readonly #layers: readonly string[];
  readonly #threads: number;
  readonly #sessions = new Map<string, Promise<Ort.InferenceSession>>();
  readonly #targets = new Map<string, Ort.Tensor>();
  readonly #cacheBytes: number;
  #cached = 0;

  private constructor(ort: OnnxRuntime, net: NetworkGraph, layers: readonly string[], threads: number, cacheBytes: number) {
    this.#ort = ort;
    this.#net = net;
    this.#layers = layers;
    this.#threads = threads;
    this.#cacheBytes = cacheBytes;
  }

  /** An executor for `network` (zero-padded, with an affine preprocessing) on `threads` threads. */
  static async create(
    ort: OnnxRuntime,
    network: ConvNet,
    threads: number,
    cacheBytes = NATIVE_CONTENT_CACHE_BYTES,
  ): Promise<NativeExecutor> {
    return new NativeExecutor(ort, new NetworkGraph(network.spec, await affinePreprocess(network)), network.layers, threads, cacheBytes);
  }

  #geometry(layers: readonly string[]): NetworkGeometry {
    return networkGeometry(this.#net.spec, layers.length > 0 ? layers : [this.#layers[0]!]);
  }

  /** The session for `key`, built by `model` on first use; the least recently used beyond {@link MAX_SESSIONS} are released. */
  #session(key: string, model: () => Uint8Array): Promise<Ort.InferenceSession> {
    let session = this.#sessions.get(key);
    if (session !== undefined) {
      this.#sessions.delete(key); // re-inserted last: most recently used
    } else {
      session = this.#ort.InferenceSession.create(model(), {
        intraOpNumThreads: this.#threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        logSeverityLevel: 3,
      });
      session.catch(() => this.#sessions.delete(key));
    }
    this.#sessions.set(key, session);
    for (const [old, held] of this.#sessions) {
      if (this.#sessions.size <= MAX_SESSIONS) break;
      this.#sessions.delete(old);
      held.then((s) => s.release()).catch(() => undefined);
    }
    return session;
  }

  #image(r: { pixels: Float32Array; height: number; width: number }): Ort.Tensor {
    return new this.#ort.Tensor('float32', r.pixels, [1, r.height, r.width, 3]);
  }

  async forward(r: ForwardRequest): Promise<ForwardResult> {
    const gramLayers = r.gramMeans.map((m) => Object.keys(m));
    const shape = { height: r.height, width: r.width, core: r.core, sumLayers: r.sumLayers, gramLayers, tv: r.tv === true };
    const withSquares = r.squaresLayer === undefined ? shape : { ...shape, squaresLayer: r.squaresLayer };
    const layers = [...r.sumLayers, ...gramLayers.flat(), ...(r.squaresLayer === undefined ? [] : [r.squaresLayer])];
    const key = `f ${r.height}×${r.width} ${boxKey(r.core)} ${r.sumLayers.join(',')} ${gramLayers.map((l) => l.join(',')).join(';')} ${r.squaresLayer ?? ''} ${r.tv === true}`;
    const session = await this.#session(key, () => forwardModel(this.#net, this.#geometry(layers), withSquares));
    const feeds: Record<string, Ort.Tensor> = { [TILE_IO.image]: this.#image(r) };
    r.gramMeans.forEach((means, t) => {
      for (const [layer, mean] of Object.entries(means))
        feeds[TILE_IO.mean(t, layer)] = new this.#ort.Tensor('float32', mean, [mean.length]);
    });
    const out = await session.run(feeds);
    const read = (name: string) => out[name]!.data as Float32Array;
    return {
      sums: Object.fromEntries(r.sumLayers.map((l) => [l, read(TILE_IO.sum(l))])),
      grams: gramLayers.map((ls, t) => Object.fromEntries(ls.map((l) => [l, read(TILE_IO.gram(t, l))]))),
      squares: r.squaresLayer === undefined ? 0 : read(TILE_IO.squares)[0]!,
      tv: r.tv === true ? read(TILE_IO.tv)[0]! : 0,
    };
  }

  async #contentTarget(r: BackwardRequest): Promise<Ort.Tensor> {
    const held = this.#targets.get(r.contentKey);
    if (held !== undefined) return held;
    if (r.contentPixels === undefined) throw new Error(`NativeExecutor: no content pixels for ${r.contentKey}, and none cached.`);
    const shape = { height: r.height, width: r.width, core: r.core, contentLayer: r.contentLayer };
    const key = `c ${r.height}×${r.width} ${boxKey(r.core)} ${r.contentLayer}`;
    const session = await this.#session(key, () => contentTargetModel(this.#net, this.#geometry([r.contentLayer]), shape));
    const target = (await session.run({ [TILE_IO.image]: this.#image({ ...r, pixels: r.contentPixels }) }))[TILE_IO.target]!;
    const bytes = target.size * 4;
    if (this.#cached + bytes <= this.#cacheBytes) {
      this.#targets.set(r.contentKey, target);
      this.#cached += bytes;
    }
    return target;
  }

  async backward(r: BackwardRequest): Promise<BackwardResult> {
    const target = await this.#contentTarget(r);
    const styleLayers = r.dGrams.map((d) => Object.keys(d));
    const shape = { height: r.height, width: r.width, core: r.core, contentLayer: r.contentLayer, styleLayers };
    const key = `b ${r.height}×${r.width} ${boxKey(r.core)} ${r.contentLayer} ${styleLayers.map((l) => l.join(',')).join(';')}`;
    const session = await this.#session(key, () =>
      backwardModel(this.#net, this.#geometry([r.contentLayer, ...styleLayers.flat()]), shape),
    );
    const scalar = (v: number) => new this.#ort.Tensor('float32', Float32Array.of(v), []);
    const feeds: Record<string, Ort.Tensor> = {
      [TILE_IO.image]: this.#image(r),
      [TILE_IO.target]: target,
      [TILE_IO.contentScale]: scalar(r.contentScale),
      [TILE_IO.tvScale]: scalar(r.tvScale),
    };
    r.dGrams.forEach((dGrams, t) => {
      for (const [layer, d] of Object.entries(dGrams)) {
        const mean = r.means[t]![layer]!;
        feeds[TILE_IO.mean(t, layer)] = new this.#ort.Tensor('float32', mean, [mean.length]);
        feeds[TILE_IO.dGram(t, layer)] = new this.#ort.Tensor('float32', d, [mean.length, mean.length]);
      }
    });
    const out = await session.run(feeds);
    return {
      gradient: out[TILE_IO.gradient]!.data as Float32Array,
      contentSquares: (out[TILE_IO.squares]!.data as Float32Array)[0]!,
      tv: (out[TILE_IO.tv]!.data as Float32Array)[0]!,
      contentCached: this.#targets.has(r.contentKey),
    };
  }

  clear(prefix = ''): Promise<void> {
    for (const [key, target] of this.#targets) {
      if (!key.startsWith(prefix)) continue;
      this.#cached -= target.size * 4;
      this.#targets.delete(key);
    }
    return Promise.resolve();
  }

  async dispose(): Promise<void> {
    await this.clear();
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map(async (s) => (await s.catch(() => undefined))?.release()));
  }
}
