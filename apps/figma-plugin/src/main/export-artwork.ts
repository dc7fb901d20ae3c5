/**
 * Exports a layer as it will be styled, without changing it. When text is kept crisp, or the
 * layer is rotated, translucent, has effects or strokes that stay live (see `live-edge.ts`), Figma
 * exports a temporary copy instead: its kept layers made fully transparent (opacity 0 keeps auto
 * layout as it is, where hiding a layer would reflow it), unrotated, opaque, without effects and
 * without the live strokes (the result carries the layer's own rotation, opacity, effects and
 * those strokes). The export covers the layer's box, whatever reaches outside it
 * (`useAbsoluteBounds: true`): the box is what the result is placed against. The original is
 * never written to, so no error can leave its text hidden. The copy lives only while Figma
 * exports it: it is removed in `finally`, and the caller also gets its `discard` to call from the
 * plugin's close handler (after which Figma runs no `finally` and nothing after an `await`), so no
 * copy outlives an error, a Cancel or a closed plugin.
 */
import type { ExportSettingsImage } from '@figma/plugin-typings/plugin-api-standalone.js';
import { messageOf } from '@nst/core/errors';
import { layerPlan, type KeepLayers } from '../layer-plan.js';
import type { FigmaNode } from './figma-api.js';

/** Thrown when the temporary copy could not be removed: the user must delete it by hand. */
export class TemporaryCopyError extends Error {
  override readonly name = 'TemporaryCopyError';
}

/** What was exported: the PNG, and how many layers were left out of it to stay live. */
export interface ArtworkExport {
  readonly png: Uint8Array;
  readonly kept: number;
}

/**
 * `node`'s box exported as a PNG at `constraint`, its kept layers (see `layerPlan`) left out, its
 * effects and (with `liveStrokes`) its strokes too. `track` is given the function that removes the
 * temporary copy while one exists, and `undefined` once it is gone.
 */
export async function exportArtwork(
  node: FigmaNode,
  keep: KeepLayers,
  constraint: ExportSettingsImage['constraint'],
  track: (discard: (() => void) | undefined) => void,
  liveStrokes = false,
): Promise<ArtworkExport> {
  const settings: ExportSettingsImage = { format: 'PNG', constraint, useAbsoluteBounds: true };
  const plan = layerPlan(node, keep);
  const rotation = node.rotation ?? 0;
  const opacity = node.opacity ?? 1;
  const effects = (node.effects ?? []).length > 0;
  const strokes = liveStrokes && (node.strokes ?? []).length > 0;
  if (plan === undefined && rotation === 0 && opacity === 1 && !effects && !strokes) {
    return { png: await node.exportAsync(settings), kept: 0 };
  }

  let copy: FigmaNode | undefined;
  const discard = (): void => {
    const doomed = copy;
    copy = undefined;
    if (doomed !== undefined && !doomed.removed) doomed.remove();
  };
  track(discard);
  try {
    copy = node.clone();
    if (rotation !== 0) copy.rotation = 0;
    if (opacity !== 1) copy.opacity = 1;
    if (effects) copy.effects = [];
    if (strokes) copy.strokes = [];
    for (const layer of layerPlan(copy, keep)?.kept ?? []) layer.opacity = 0;
    const png = await copy.exportAsync(settings);
    return { png, kept: plan?.kept.length ?? 0 };
  } finally {
    track(undefined);
    try {
      discard();
    } catch (error) {
      // Thrown from `finally` on purpose: a copy left in the document matters more than why the export stopped.
      // eslint-disable-next-line no-unsafe-finally
      throw new TemporaryCopyError(`a temporary copy of “${node.name}” could not be removed (${messageOf(error)}); delete it by hand`);
    }
  }
}
