import { colourDirections, colourProjections, slicedWasserstein } from './colour-distance.js';
import { edgePreservation } from './edge-preservation.js';
import { fitImage } from './fit-image.js';
import type { Image } from './image.js';
import { resizeImage } from './resize-image.js';
import { ssim } from './ssim.js';
import { statisticsDistance } from './texture-distance.js';
import { textureStatistics } from './texture-statistics.js';

/** The critic's verdict on one style transfer result (see {@link critique}). */
export interface Critique {
  /** textureDistance(result, style): lower is closer to the painting's brush work. */
  readonly texture: number;
  /** colourDistance(result, style), ΔE*76: lower is closer to the painting's palette. */
  readonly colour: number;
  /** ssim(result, content): 1 keeps the photo's structure. */
  readonly structure: number;
  /** edgePreservation(result, content): 1 keeps the photo's edges. */
  readonly edges: number;
  /** 1 − texture / textureDistance(content, style): 1 matches the painting, 0 no closer than the photo, < 0 further. */
  readonly textureGain: number;
  /** 1 − colour / colourDistance(content, style), read like textureGain. */
  readonly colourGain: number;
}

/**
 * Judges a result against the photo and the painting with metrics that share nothing with the
 * network being optimised. The style is first fitted so that its longest side is the result's
 * (the scale it was transferred at), the content resized to the result's size; then
 * texture = {@link textureDistance}(R, S), colour = {@link colourDistance}(R, S),
 * structure = {@link ssim}(R, C), edges = {@link edgePreservation}(R, C),
 * textureGain = 1 − d_T(R, S) / d_T(C, S), colourGain = 1 − d_C(R, S) / d_C(C, S) (NaN when the
 * photo already matches the painting exactly). References: Portilla & Simoncelli (2000),
 * Rabin et al. (2011), Wang et al. (2004); the gains read against {@link noiseFloor} and the
 * {@link colourTransfer} baseline (packages/quality/README.md).
 */
export function critique(images: { result: Image; content: Image; style: Image }): Critique {
  const { result } = images;
  const style = fitImage(images.style, Math.max(result.width, result.height));
  const content =
    images.content.width === result.width && images.content.height === result.height
      ? images.content
      : resizeImage(images.content, result.width, result.height);
  const styleStats = textureStatistics(style);
  const texture = statisticsDistance(textureStatistics(result), styleStats);
  const contentTexture = statisticsDistance(textureStatistics(content), styleStats);
  const directions = colourDirections();
  const styleColours = colourProjections(style, directions);
  const colour = slicedWasserstein(colourProjections(result, directions), styleColours);
  const contentColour = slicedWasserstein(colourProjections(content, directions), styleColours);
  return {
    texture,
    colour,
    structure: ssim(result, content),
    edges: edgePreservation(result, content),
    textureGain: 1 - texture / contentTexture,
    colourGain: 1 - colour / contentColour,
  };
}
