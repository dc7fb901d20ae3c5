/**
 * A layer exported for styling, at the size the user chose and never above Figma's image limit:
 * the size is checked against the PNG Figma really made, not only against the layer's box.
 */
import { messageOf } from '@nst/core/errors';
import { exportFailureReason } from '../export-failure.js';
import { exportPlan, refitPlan, type ExportPlan } from '../export-plan.js';
import { layerPlan, type KeepLayers } from '../layer-plan.js';
import { liveStrokes } from '../live-edge.js';
import { pngSize } from '../png-size.js';
import type { Placement } from '../protocol.js';
import { exportArtwork, type ArtworkExport } from './export-artwork.js';
import type { FigmaNode } from './figma-api.js';

/** An export to style, with the plan it was made to; or why the layer is skipped. */
export type LayerExport =
  (ArtworkExport & { readonly ok: true; readonly plan: ExportPlan }) | { readonly ok: false; readonly reason: string };

/**
 * `node` exported at `size` px on its longest side (0: its own size) for `placement`, its `keep`
 * layers left out; once more, smaller, when Figma's PNG came out over its image limit. `track`:
 * see `exportArtwork`. Figma's refusals come back as a reason (so does a closed plugin's, which
 * the caller checks for first).
 */
export async function exportLayer(
  node: FigmaNode,
  keep: KeepLayers,
  size: number,
  placement: Placement,
  track: (discard: (() => void) | undefined) => void,
): Promise<LayerExport> {
  let plan = exportPlan(node.width, node.height, size);
  const strokes = liveStrokes(node.type, placement);
  try {
    let exported = await exportArtwork(node, keep, plan.constraint, track, strokes);
    const actual = pngSize(exported.png);
    const refit = actual === undefined ? undefined : refitPlan(plan, actual);
    if (refit !== undefined) {
      plan = refit;
      exported = await exportArtwork(node, keep, plan.constraint, track, strokes);
    }
    return { ok: true, ...exported, plan };
  } catch (error) {
    return { ok: false, reason: exportFailureReason(messageOf(error), layerPlan(node, keep) !== undefined) };
  }
}
