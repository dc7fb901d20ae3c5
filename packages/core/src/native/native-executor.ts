/**
 * The native engine's {@link TileExecutor}: each tile pass is one ONNX Runtime session run on
 * native CPU kernels, every core through ONNX Runtime's own intra-op threads, so tiles run one at
 * a time and no worker_threads are needed. Sessions are built per crop size, core and layers, and
 * kept for the next evaluation, up to {@link MAX_SESSIONS} or {@link SESSION_BYTES}: each holds
 * its own copy of the weights (VGG-19's are 80 MB). A whole-image session (the fused pass of a
 * stage of one tile, run every iteration) also keeps an arena at its run's peak, which it reuses:
 * without one every run faults its memory in afresh (1.3× slower at 256², 1.9× at 512²); the tile
 * passes of a larger stage, many shapes, give theirs back after each run.
 * Content targets are kept as the tfjs runner keeps them, up to a byte budget.
 */
import * as tf from '@tensorflow/tfjs';
import type * as Ort from 'onnxruntime-node';
import { InvalidModelError } from '../errors.js';
import type { ConvNet } from '../networks/conv-net.js';
import type { TileExecutor } from '../tiling/tile-executor.js';
import { networkGeometry, type NetworkGeometry } from '../tiling/tile-plan.js';
import type {
  BackwardRequest,
  BackwardResult,
  ForwardRequest,
  ForwardResult,
  WholeTileRequest,
  WholeTileResult,
} from '../tiling/tile-runner.js';
import { type AffineMap, NetworkGraph } from './network-graph.js';
import type { OnnxRuntime } from './onnx-runtime.js';
import { backwardModel, contentTargetModel, forwardModel, TILE_IO } from './tile-graphs.js';

/** Sessions kept at once; the least recently used beyond are released. */
export const MAX_SESSIONS = 48;

/** What the kept sessions may hold together (their weights, and their arenas by estimate), at least one session's. */
export const SESSION_BYTES = 1024 * 2 ** 20;

/**
 * Whole-image sessions (a one-tile stage's fused pass) kept at once: each keeps an arena at its
 * peak, and a run's later stages never go back to an earlier size; two serve photos side by side.
 */
export const WHOLE_SESSIONS = 2;

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

/** What a {@link NativeExecutor} may keep: content targets' bytes, sessions, and the sessions' model bytes. */
export interface NativeLimits {
  readonly cacheBytes: number;
  readonly sessions: number;
  readonly sessionBytes: number;
}

const DEFAULT_LIMITS: NativeLimits = { cacheBytes: NATIVE_CONTENT_CACHE_BYTES, sessions: MAX_SESSIONS, sessionBytes: SESSION_BYTES };

/** A {@link TileExecutor} on ONNX Runtime, with `threads` intra-op threads. */
export class NativeExecutor implements TileExecutor {
  readonly concurrency = 1;
  readonly #ort: OnnxRuntime;
  readonly #net: NetworkGraph;
  readonly #layers: readonly string[];
  readonly #threads: number;
  readonly #sessions = new Map<string, { readonly session: Promise<Ort.InferenceSession>; readonly bytes: number }>();
  /** Per whole-image session: the content key of the objective that last ran it, which frees it (and its arena) when it ends. */
  readonly #wholeOwners = new Map<string, string>();
  #sessionBytes = 0;
  readonly #targets = new Map<string, Ort.Tensor>();
  readonly #limits: NativeLimits;
  #cached = 0;
  /** The last run queued: runs go one at a time, each on every thread (photos of a batch share the executor). */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(ort: OnnxRuntime, net: NetworkGraph, layers: readonly string[], threads: number, limits: NativeLimits) {
    this.#ort = ort;
    this.#net = net;
    this.#layers = layers;
    this.#threads = threads;
    this.#limits = limits;
  }

  /** An executor for `network` (zero-padded, with an affine preprocessing) on `threads` threads. */
  static async create(ort: OnnxRuntime, network: ConvNet, threads: number, limits: Partial<NativeLimits> = {}): Promise<NativeExecutor> {
    const net = new NetworkGraph(network.spec, await affinePreprocess(network));
    return new NativeExecutor(ort, net, network.layers, threads, { ...DEFAULT_LIMITS, ...limits });
  }

  /** About what a session's arena holds for an `h × w` crop up to the deepest of `layers`: the activations, × 3 for a backward pass (gradients and masks). */
  #work(h: number, w: number, layers: readonly string[], backward: boolean): number {
    const order = this.#net.spec.layers.map((l) => l.name);
    const deepest = layers.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), order[0]!);
    return this.#net.activationBytes(h, w, deepest) * (backward ? 3 : 1);
  }

  #geometry(layers: readonly string[]): NetworkGeometry {
    return networkGeometry(this.#net.spec, layers.length > 0 ? layers : [this.#layers[0]!]);
  }

  /**
   * The session for `key`, built by `model` on first use, which will hold about `workBytes` in its
   * arena; the least recently used beyond {@link NativeLimits} are released.
   */
  #session(key: string, model: () => Uint8Array, workBytes: number): Promise<Ort.InferenceSession> {
    let held = this.#sessions.get(key);
    if (held !== undefined) {
      this.#sessions.delete(key); // re-inserted last: most recently used
    } else {
      const bytes = model();
      const session = this.#ort.InferenceSession.create(bytes, {
        intraOpNumThreads: this.#threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        logSeverityLevel: 3,
        // An arena keeps its peak: only a whole-image pass, run every iteration of a small stage, keeps one.
        enableCpuMemArena: key.startsWith('w '),
      });
      held = { session, bytes: bytes.length + (key.startsWith('w ') ? workBytes : 0) };
      this.#sessionBytes += held.bytes;
      session.catch(() => this.#forget(key)); // a failed build is tried again next time
    }
    this.#sessions.set(key, held);
    const whole = [...this.#sessions.keys()].filter((k) => k.startsWith('w '));
    for (const old of whole.slice(0, Math.max(0, whole.length - WHOLE_SESSIONS))) this.#forget(old);
    for (const old of this.#sessions.keys()) {
      if (this.#sessions.size <= 1 || (this.#sessions.size <= this.#limits.sessions && this.#sessionBytes <= this.#limits.sessionBytes))
        break;
      this.#forget(old);
    }
    return held.session;
  }

  /** Drops the session kept under `key`, releasing it once built. */
  #forget(key: string): void {
    const held = this.#sessions.get(key);
    if (held === undefined) return;
    this.#sessions.delete(key);
    this.#sessionBytes -= held.bytes;
    held.session.then((s) => s.release()).catch(() => undefined);
  }

  /**
   * Runs the session for `key` (built by `model` on first use) on `feeds`, after the runs queued
   * before it: one at a time, so that a session released to make room is never one that runs.
   */
  #run(key: string, model: () => Uint8Array, workBytes: number, feeds: Record<string, Ort.Tensor>): Promise<Record<string, Ort.Tensor>> {
    const run = this.#queue.then(async () => (await this.#session(key, model, workBytes)).run(feeds));
    this.#queue = run.catch(() => undefined);
    return run;
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
    const model = () => forwardModel(this.#net, this.#geometry(layers), withSquares);
    const feeds: Record<string, Ort.Tensor> = { [TILE_IO.image]: this.#image(r) };
    r.gramMeans.forEach((means, t) => {
      for (const [layer, mean] of Object.entries(means))
        feeds[TILE_IO.mean(t, layer)] = new this.#ort.Tensor('float32', mean, [mean.length]);
    });
    const out = await this.#run(key, model, this.#work(r.height, r.width, layers, false), feeds);
    const read = (name: string) => out[name]!.data as Float32Array;
    return {
      sums: Object.fromEntries(r.sumLayers.map((l) => [l, read(TILE_IO.sum(l))])),
      grams: gramLayers.map((ls, t) => Object.fromEntries(ls.map((l) => [l, read(TILE_IO.gram(t, l))]))),
      squares: r.squaresLayer === undefined ? 0 : read(TILE_IO.squares)[0]!,
      tv: r.tv === true ? read(TILE_IO.tv)[0]! : 0,
    };
  }

  async #contentTarget(r: Omit<BackwardRequest, 'dGrams'>): Promise<Ort.Tensor> {
    const held = this.#targets.get(r.contentKey);
    if (held !== undefined) return held;
    if (r.contentPixels === undefined) throw new Error(`NativeExecutor: no content pixels for ${r.contentKey}, and none cached.`);
    const shape = { height: r.height, width: r.width, core: r.core, contentLayer: r.contentLayer };
    const key = `c ${r.height}×${r.width} ${boxKey(r.core)} ${r.contentLayer}`;
    const model = () => contentTargetModel(this.#net, this.#geometry([r.contentLayer]), shape);
    const work = this.#work(r.height, r.width, [r.contentLayer], false);
    const target = (await this.#run(key, model, work, { [TILE_IO.image]: this.#image({ ...r, pixels: r.contentPixels }) }))[
      TILE_IO.target
    ]!;
    const bytes = target.size * 4;
    if (this.#cached + bytes <= this.#limits.cacheBytes) {
      this.#targets.set(r.contentKey, target);
      this.#cached += bytes;
    }
    return target;
  }

  backward(r: BackwardRequest): Promise<BackwardResult> {
    return this.#pass2(r, r.dGrams, false);
  }

  async evaluateWhole(r: WholeTileRequest): Promise<WholeTileResult> {
    const result = await this.#pass2(r, r.styleGrams, true);
    return { ...result, styleCost: result.styleCost ?? NaN };
  }

  /** Pass 2, given ∂J/∂G per target and layer (`perLayer`), or, `fused`, the style Grams and weights to take it from. */
  async #pass2(
    r: Omit<BackwardRequest, 'dGrams'> & Partial<Pick<WholeTileRequest, 'styleWeights'>>,
    perLayer: readonly Readonly<Record<string, Float32Array>>[],
    fused: boolean,
  ): Promise<BackwardResult & { styleCost?: number }> {
    const target = await this.#contentTarget(r);
    const styleLayers = perLayer.map((d) => Object.keys(d));
    const shape = { height: r.height, width: r.width, core: r.core, contentLayer: r.contentLayer, styleLayers, fused };
    const key = `${fused ? 'w' : 'b'} ${r.height}×${r.width} ${boxKey(r.core)} ${r.contentLayer} ${styleLayers.map((l) => l.join(',')).join(';')}`;
    const model = () => backwardModel(this.#net, this.#geometry([r.contentLayer, ...styleLayers.flat()]), shape);
    if (fused) this.#wholeOwners.set(key, r.contentKey);
    const scalar = (v: number) => new this.#ort.Tensor('float32', Float32Array.of(v), []);
    const feeds: Record<string, Ort.Tensor> = {
      [TILE_IO.image]: this.#image(r),
      [TILE_IO.target]: target,
      [TILE_IO.contentScale]: scalar(r.contentScale),
      [TILE_IO.tvScale]: scalar(r.tvScale),
    };
    perLayer.forEach((matrices, t) => {
      for (const [layer, m] of Object.entries(matrices)) {
        const mean = r.means[t]![layer]!;
        feeds[TILE_IO.mean(t, layer)] = new this.#ort.Tensor('float32', mean, [mean.length]);
        feeds[fused ? TILE_IO.styleGram(t, layer) : TILE_IO.dGram(t, layer)] = new this.#ort.Tensor('float32', m, [
          mean.length,
          mean.length,
        ]);
        if (fused) feeds[TILE_IO.styleWeight(t, layer)] = scalar(r.styleWeights?.[t]?.[layer] ?? NaN);
      }
    });
    const out = await this.#run(key, model, this.#work(r.height, r.width, [r.contentLayer, ...styleLayers.flat()], true), feeds);
    const first = (name: string) => (out[name]!.data as Float32Array)[0]!;
    return {
      gradient: out[TILE_IO.gradient]!.data as Float32Array,
      contentSquares: first(TILE_IO.squares),
      tv: first(TILE_IO.tv),
      contentCached: this.#targets.has(r.contentKey),
      ...(fused ? { styleCost: first(TILE_IO.styleCost) } : {}),
    };
  }

  /** Frees the content targets whose key starts with `prefix`, and the whole-image sessions their objective ran last (after the runs queued). */
  clear(prefix = ''): Promise<void> {
    for (const [key, target] of this.#targets) {
      if (!key.startsWith(prefix)) continue;
      this.#cached -= target.size * 4;
      this.#targets.delete(key);
    }
    const ended = [...this.#wholeOwners].filter(([, owner]) => owner.startsWith(prefix)).map(([key]) => key);
    for (const key of ended) this.#wholeOwners.delete(key);
    const released = this.#queue.then(() => ended.forEach((key) => this.#forget(key)));
    this.#queue = released;
    return released;
  }

  async dispose(): Promise<void> {
    await this.clear();
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    this.#sessionBytes = 0;
    await Promise.all(sessions.map(async ({ session }) => (await session.catch(() => undefined))?.release()));
  }
}
