import type { ConvNetLayer } from './conv-net.js';
import { seededNormal } from './seeded-random.js';

/** A layer of an architecture: a conv of `channels` 3×3 filters, or a 2×2 pool. */
export type ArchitectureLayer =
  { readonly name: string; readonly channels: number } | { readonly name: string; readonly pool: 'avg' | 'max' | 'blur' };

/**
 * Layers of `architecture` with He-normal weights, `N(0, 2 / (3·3·c_in))`, and zero biases, drawn
 * from `seed`: the same network on every machine, with nothing to download.
 * Ref: He et al., "Delving Deep into Rectifiers", ICCV 2015.
 */
export function randomConvLayers(architecture: readonly ArchitectureLayer[], seed: number, inputChannels = 3): ConvNetLayer[] {
  let channels = inputChannels;
  return architecture.map((layer, index) => {
    if ('pool' in layer) return { kind: 'pool', name: layer.name, mode: layer.pool };
    const filterShape = [3, 3, channels, layer.channels] as const;
    const filter = seededNormal(9 * channels * layer.channels, seed * 1000 + index, Math.sqrt(2 / (9 * channels)));
    channels = layer.channels;
    return { kind: 'conv', name: layer.name, filterShape, filter, bias: new Float32Array(layer.channels) };
  });
}
