import { fitWithin } from '../image/rgba-image.js';

type Size = { readonly width: number; readonly height: number };

/**
 * The size a style image is resized to for a stage: its longest side the stage's × styleScale,
 * but, unless `enlargeStyle`, never above its own (a painting enlarged past its pixels has only
 * the blur of the resize at its finest scales, and the stage would learn that blur instead of
 * its marks). Aspect ratio kept.
 */
export function stageStyleSize(style: Size, stage: Size, settings: { readonly styleScale: number; readonly enlargeStyle: boolean }): Size {
  const side = Math.max(stage.width, stage.height) * settings.styleScale;
  return fitWithin(style.width, style.height, settings.enlargeStyle ? side : Math.min(side, Math.max(style.width, style.height)));
}
