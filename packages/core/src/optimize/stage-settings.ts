import type { ResolvedStylizeOptions } from './stylize-options.js';

/**
 * The settings of the stage whose image is `size`: the style layers of the last of
 * `largeStyleLayers` whose `fromSide` its longest side × styleScale reaches (the painting's marks
 * are that many times larger there), else `styleLayers`.
 */
export function stageSettings(settings: ResolvedStylizeOptions, size: { width: number; height: number }): ResolvedStylizeOptions {
  const side = Math.max(size.width, size.height) * settings.styleScale;
  const large = settings.largeStyleLayers.filter((l) => side >= l.fromSide).at(-1);
  return large === undefined ? settings : { ...settings, styleLayers: large.layers };
}
