/**
 * What of a layer's own paint stays live on its result instead of being styled: its effects
 * (shadows, blurs) always, and its strokes when the result can carry them as they are. The export
 * covers the layer's box alone (`useAbsoluteBounds`, the bounds the result is placed against), so
 * a shadow or an outside stroke would otherwise be cut off or, squeezed into the box, misplaced;
 * left out of the picture and kept on the result, each is drawn once, outside the picture.
 */
import type { Placement } from './protocol.js';

/** Layer types whose strokes follow their box, so a rectangle can carry them. */
export const BOX_TYPES: readonly string[] = ['FRAME', 'COMPONENT', 'INSTANCE', 'RECTANGLE'];

/**
 * Whether a layer of `type` keeps its own strokes live on its result for `placement`: `replace`
 * changes the layer's fills only, a frame's copy keeps its own strokes, and a rectangle can carry
 * the strokes of a box. Other shapes (an ellipse, a star) have their strokes styled into the picture.
 */
export function liveStrokes(type: string, placement: Placement): boolean {
  return placement === 'replace' || BOX_TYPES.includes(type);
}
