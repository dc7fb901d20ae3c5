/**
 * A stage's style levels: the painting matched on the stage's image halved, and halved again, as
 * well as on the image itself (Snelgrove, "High-Resolution Multi-Scale Neural Texture Synthesis",
 * SIGGRAPH Asia 2017 technical briefs: Gram losses on every level of a Gaussian pyramid). At a
 * large stage a painting's marks are wider than the style layers' receptive fields; on the
 * halved image they fit, so the marks the coarser stages drew keep being matched while the stage
 * adds its fine texture, instead of being enlarged into blur. A level has no content or TV term:
 * the stage's own image carries those.
 */
import { halvedSide } from '../image/halve-pixels.js';
import { stageSettings } from './stage-settings.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';

type Size = { readonly width: number; readonly height: number };

/** One level: the halved image's size and the objective's settings there. */
export interface StyleLevel {
  readonly size: Size;
  readonly settings: ResolvedStylizeOptions;
}

/** The sizes of a stage's style levels: `size` halved while the halved longest side is at least `side` (none when `side` is 0). */
export function styleLevelSizes(size: Size, side: number): Size[] {
  const sizes: Size[] = [];
  for (let at = halve(size); side > 0 && Math.max(at.width, at.height) >= side; at = halve(at)) sizes.push(at);
  return sizes;
}

const halve = ({ width, height }: Size): Size => ({ width: halvedSide(width), height: halvedSide(height) });

/**
 * The style levels of the stage whose image is `size` ({@link styleLevelSizes} down to
 * `styleLevelSide`), each with the style layers and painting size of a stage of its size
 * ({@link stageSettings}), and no content or TV weight.
 */
export function styleLevels(settings: ResolvedStylizeOptions, size: Size): StyleLevel[] {
  return styleLevelSizes(size, settings.styleLevelSide).map((at) => ({
    size: at,
    settings: { ...stageSettings(settings, at), contentWeight: 0, tvWeight: 0 },
  }));
}
