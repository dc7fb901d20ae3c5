import { ConvNet } from './conv-net.js';
import type { FeatureNetwork } from './feature-network.js';
import { imagenetPreprocess } from './preprocess.js';
import { type ArchitectureLayer, randomConvLayers } from './random-conv-net.js';

/**
 * The embedded network's layers: VGG's first four blocks at half width, one conv fewer per block,
 * blurred 3×3 average pooling of stride 2. Chosen over 3 blocks (faster, half the style match) and
 * full VGG widths (a little better, 3.5× slower) by `apps/cli/bench/network-study.ts` (see
 * apps/cli/docs/network-study.md); the blurred pooling, against 2×2 pooling's grid-aligned streaks,
 * by `apps/cli/bench/quality-study.ts` (apps/cli/docs/quality-study.md).
 */
export const DEFAULT_ARCHITECTURE: readonly ArchitectureLayer[] = [
  { name: 'conv1_1', channels: 32 },
  { name: 'conv1_2', channels: 32 },
  { name: 'pool1', pool: 'blur' },
  { name: 'conv2_1', channels: 64 },
  { name: 'conv2_2', channels: 64 },
  { name: 'pool2', pool: 'blur' },
  { name: 'conv3_1', channels: 128 },
  { name: 'conv3_2', channels: 128 },
  { name: 'pool3', pool: 'blur' },
  { name: 'conv4_1', channels: 256 },
];

/**
 * The embedded feature network: a VGG-shaped stack with seeded random weights, so that stylize
 * works offline from the first launch. Random-weight VGGs carry style well when the image is
 * optimised against them.
 * Ref: He, Wang & Hopcroft, "A Powerful Generative Model Using Random Weights for the Deep Image
 * Representation", NeurIPS 2016.
 */
export function createDefaultNetwork(seed = 1): FeatureNetwork {
  return new ConvNet({
    name: 'default',
    layers: randomConvLayers(DEFAULT_ARCHITECTURE, seed),
    contentLayer: 'conv2_2',
    // The two finest style layers: the deeper ones paint the painting's colour layout in blotches
    // instead of its brush marks, and cost 40 % of each iteration. Chosen by
    // apps/cli/bench/quality-study.ts, as are the relative cost weights (see createStyleObjective).
    styleLayers: { conv1_1: 2, conv2_1: 2 },
    // From 512 px a painting's marks outgrow conv2_1's 10-px field: conv3_1 joins, and conv4_1 from
    // 1024 px (apps/cli/docs/quality-study.md, "Large results"; issue 20).
    largeStyleLayers: [
      { fromSide: 512, layers: { conv1_1: 2, conv2_1: 2, conv3_1: 1 } },
      { fromSide: 1024, layers: { conv1_1: 2, conv2_1: 2, conv3_1: 1, conv4_1: 1 } },
    ],
    costWeights: { alpha: 0.3, beta: 1 },
    preprocess: imagenetPreprocess,
  });
}
