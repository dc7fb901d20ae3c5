import { colourDirections, colourProjections, slicedWasserstein } from './colour-distance.js';
import { edgePreservation } from './edge-preservation.js';
import { fitImage } from './fit-image.js';
import type { Image } from './image.js';
import { paintingScale } from './painting-scale.js';
import { resizeImage } from './resize-image.js';
import { ssim } from './ssim.js';
import { levelDistances, textureLevels } from './texture-levels.js';

/** The critic's verdict on one style transfer result (see {@link critique}). */
export interface Critique {
  /** Σ over levels of textureDistance(result, style) at the painting's scale: lower is closer to the painting's brush work. */
  readonly texture: number;
  /** colourDistance(result, style), ΔE*76: lower is closer to the painting's palette. */
  readonly colour: number;
  /** ssim(result, content): 1 keeps the photo's structure. */
  readonly structure: number;
  /** edgePreservation(result, content): 1 keeps the photo's edges. */
  readonly edges: number;
  /** 1 − texture / (the same sum for the photo): 1 matches the painting, 0 no closer than the photo, < 0 further. */
  readonly textureGain: number;
  /** The texture gain at each level alone: [painting's scale, ½, ¼] (fewer for small images). */
  readonly textureGainByLevel: readonly number[];
  /** 1 − colour / colourDistance(content, style), read like textureGain. */
  readonly colourGain: number;
  /** The longest side the result was compared at for texture and colour ({@link paintingScale}). */
  readonly scale: number;
}

/** What {@link critique} judges: a result, the photo it came from and the painting. */
export interface CritiqueInput {
  readonly result: Image;
  readonly content: Image;
  readonly style: Image;
  /** The painting's longest side over the result's as it was transferred, as `stylize`'s styleScale. Default 1. */
  readonly styleScale?: number;
}

/**
 * Judges a result against the photo and the painting with metrics that share nothing with the
 * network being optimised. Texture and colour are compared where the marks live: at
 * {@link paintingScale} (the result brought down to the painting's own pixels when the painting
 * was enlarged, the painting brought down to the result's scale otherwise; neither enlarged),
 * the photo resized to the result there. With d_ℓ the {@link textureDistance} at pyramid level ℓ
 * (ℓ = 0…2: that scale, ½, ¼), texture = Σ_ℓ d_ℓ(R, S), textureGain = 1 − Σ d_ℓ(R, S) / Σ d_ℓ(C, S);
 * colour = {@link colourDistance}(R, S), colourGain = 1 − d_C(R, S) / d_C(C, S); structure =
 * {@link ssim}(R, C) and edges = {@link edgePreservation}(R, C) at the result's own size (NaN gains
 * when the photo already matches the painting exactly). References: Portilla & Simoncelli (2000),
 * Rabin et al. (2011), Wang et al. (2004), Burt & Adelson (1983); the gains read against
 * {@link noiseFloor} and the {@link colourTransfer} baseline (packages/quality/README.md).
 */
export function critique(images: CritiqueInput): Critique {
  const { result } = images;
  const sameSize = images.content.width === result.width && images.content.height === result.height;
  const content = sameSize ? images.content : resizeImage(images.content, result.width, result.height);
  const scale = paintingScale(result, images.style, images.styleScale);
  const style = fitImage(images.style, scale.style);
  const atScale = scale.result === Math.max(result.width, result.height) ? result : fitImage(result, scale.result);
  const contentAtScale = resizeImage(content, atScale.width, atScale.height);
  const styleLevels = textureLevels(style);
  const texture = levelDistances(textureLevels(atScale), styleLevels);
  const contentTexture = levelDistances(textureLevels(contentAtScale), styleLevels);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const directions = colourDirections();
  const styleColours = colourProjections(style, directions);
  const colour = slicedWasserstein(colourProjections(atScale, directions), styleColours);
  const contentColour = slicedWasserstein(colourProjections(contentAtScale, directions), styleColours);
  return {
    texture: sum(texture),
    colour,
    structure: ssim(result, content),
    edges: edgePreservation(result, content),
    textureGain: 1 - sum(texture) / sum(contentTexture),
    textureGainByLevel: texture.map((d, i) => 1 - d / (contentTexture[i] ?? NaN)),
    colourGain: 1 - colour / contentColour,
    scale: scale.result,
  };
}
