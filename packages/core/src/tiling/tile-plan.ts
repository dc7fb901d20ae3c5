/**
 * Where the tiles of a tiled evaluation lie. The Gram matrix is a sum over positions, so the
 * image's Gram is the sum of the Grams of tile *cores* that partition the image, provided each
 * core's activations are those of the whole image: each tile is cropped with a halo at least as
 * wide as the network's receptive field (the crop is clamped at the image border, so the network
 * pads there exactly as it pads the whole image), and tiles line up with the pooled grids. tfjs's
 * 'same' pooling puts its padding, and so its grid, by the parity of its input: a crop starting at a
 * multiple of the total stride S and ending at a distance ≡ 0 (mod S) from the image's end has the
 * image's parity at every level, so its pooled grid is the image's.
 */
import type { ConvNetSpec } from '../networks/conv-net.js';
import { InvalidOptionError } from '../errors.js';

/** A half-open box of rows [top, bottom) and columns [left, right). */
export interface TileBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** One tile: its crop, in image pixels, and its core, in the crop's own pixels. */
export interface Tile {
  readonly index: number;
  readonly crop: TileBox;
  readonly core: TileBox;
}

/** What tiling needs of a network, up to its last used layer. */
export interface NetworkGeometry {
  /** Total stride S = 2^(pools): crops start at multiples of S. */
  readonly stride: number;
  /** Pixels of context each core needs on every side, a multiple of S. */
  readonly halo: number;
  /** Per layer: its downsampling factor (1, 2, 4, …) and channel count. */
  readonly layers: Readonly<Record<string, { readonly factor: number; readonly channels: number }>>;
}

/**
 * The stride and halo of `spec` up to the deepest of `layers`. The halo bounds how far the crop
 * edge (padding where the image goes on) spreads inward, in rows of the current level: a k×k conv
 * adds (k−1)/2; a stride-2 'same' pool of kernel 2 or 3 (padding ≤ 1 before, ≤ 1 after) maps w
 * wrong rows to at most ⌊w/2⌋ + 1, at either edge and either parity.
 */
export function networkGeometry(spec: ConvNetSpec, layers: readonly string[]): NetworkGeometry {
  const names = spec.layers.map((l) => l.name);
  const last = Math.max(...layers.map((l) => names.indexOf(l)));
  let [factor, channels, spread] = [1, 3, 0];
  const out: Record<string, { factor: number; channels: number }> = {};
  for (const layer of spec.layers.slice(0, last + 1)) {
    if (layer.kind === 'conv') {
      const [kh, kw, , outC] = layer.filterShape;
      spread += (Math.max(kh, kw) - 1) / 2;
      channels = outC;
    } else {
      spread = Math.floor(spread / 2) + 1;
      factor *= 2;
    }
    out[layer.name] = { factor, channels };
  }
  return { stride: factor, halo: spread * factor, layers: out };
}

/** Size of an axis of `n` pixels after `factor` = 2^p stride-2 'same' pools: ⌈n / factor⌉. */
export const pooledSize = (n: number, factor: number): number => Math.ceil(n / factor);

/**
 * The crop and core (in crop pixels) of each band of one axis of `n` pixels: as few bands as cores
 * of `core` (a multiple of the stride) allow, as equal as whole strides make them, so that workers
 * get equal shares.
 */
function bands(n: number, core: number, { stride, halo }: NetworkGeometry) {
  const strides = Math.ceil(n / stride);
  const count = Math.ceil(strides / (core / stride));
  const start = (i: number) => Math.min(n, Math.floor((i * strides) / count) * stride);
  const out: { crop: [number, number]; core: [number, number] }[] = [];
  for (let i = 0; i < count; i++) {
    const [c0, c1] = [start(i), start(i + 1)];
    const a = Math.max(0, c0 - halo);
    let b = n;
    if (c1 < n) {
      const e = c1 + halo;
      b = Math.min(n, e + ((((n - e) % stride) + stride) % stride));
    }
    out.push({ crop: [a, b], core: [c0 - a, c1 - a] });
  }
  return out;
}

/**
 * The tiles of a `width × height` image with cores of at most `tileSize` pixels (rounded down to a
 * multiple of the stride), as equal as the stride allows, row-major. One tile, the whole image,
 * when it fits.
 */
export function planTiles(width: number, height: number, tileSize: number, geometry: NetworkGeometry): Tile[] {
  if (!Number.isInteger(tileSize) || tileSize < geometry.stride) {
    throw new InvalidOptionError(
      `tileSize is ${tileSize}; expected a whole number ≥ the network's total stride, ${geometry.stride}.`,
      'tileSize',
      tileSize,
    );
  }
  const core = tileSize - (tileSize % geometry.stride);
  const rows = bands(height, core, geometry);
  const columns = bands(width, core, geometry);
  return rows.flatMap((r, i) =>
    columns.map((c, j) => ({
      index: i * columns.length + j,
      crop: { top: r.crop[0], bottom: r.crop[1], left: c.crop[0], right: c.crop[1] },
      core: { top: r.core[0], bottom: r.core[1], left: c.core[0], right: c.core[1] },
    })),
  );
}
