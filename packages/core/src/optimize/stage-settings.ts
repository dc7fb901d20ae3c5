import type { LayerWeights } from '../costs/style-cost.js';
import type { LargeStyleLayers } from '../networks/feature-network.js';
import type { ResolvedStylizeOptions } from './stylize-options.js';

/** The style layers of a stage whose longest side × styleScale is `side`: those of the last of `large` it reaches, else `styleLayers`. */
export function styleLayersAt(styleLayers: LayerWeights, large: readonly LargeStyleLayers[], side: number): LayerWeights {
  return large.filter((l) => side >= l.fromSide).at(-1)?.layers ?? styleLayers;
}

/**
 * The settings of the stage whose image is `size`: the style layers of the last of
 * `largeStyleLayers` whose `fromSide` its longest side × styleScale reaches (the painting's marks
 * are that many times larger there), else `styleLayers`.
 */
export function stageSettings(settings: ResolvedStylizeOptions, size: { width: number; height: number }): ResolvedStylizeOptions {
  const side = Math.max(size.width, size.height) * settings.styleScale;
  const styleLayers = styleLayersAt(settings.styleLayers, settings.largeStyleLayers, side);
  return styleLayers === settings.styleLayers ? settings : { ...settings, styleLayers };
}
