/** Figma's largest image side: `createImage` refuses anything larger. */
export const FIGMA_MAX_IMAGE_SIDE = 4096;

/** How to export a node so that its longest side is `size` px, never above Figma's limit. */
export interface ExportPlan {
  readonly constraint: { readonly type: 'WIDTH' | 'HEIGHT'; readonly value: number };
  readonly width: number;
  readonly height: number;
  /** The export would have been above {@link FIGMA_MAX_IMAGE_SIDE} and was lowered to fit. */
  readonly downscaled: boolean;
}

/**
 * The export of a `width × height` node at `size` px on its longest side (0: the node's own
 * size), capped at {@link FIGMA_MAX_IMAGE_SIDE}.
 */
export function exportPlan(width: number, height: number, size: number): ExportPlan {
  const wanted = Math.max(1, Math.round(size === 0 ? Math.max(width, height) : size));
  const side = Math.min(wanted, FIGMA_MAX_IMAGE_SIDE);
  const wide = width >= height;
  const scale = side / Math.max(width, height);
  return {
    constraint: { type: wide ? 'WIDTH' : 'HEIGHT', value: side },
    width: wide ? side : Math.max(1, Math.round(width * scale)),
    height: wide ? Math.max(1, Math.round(height * scale)) : side,
    downscaled: wanted > FIGMA_MAX_IMAGE_SIDE,
  };
}

/**
 * The plan to export again with when the export of `plan` came out `actual` px, over
 * {@link FIGMA_MAX_IMAGE_SIDE} (Figma exported more than the box it was asked for), or undefined
 * when `actual` fits. The constraint is scaled down by as much as the longest side is over, so the
 * export that follows fits; the plan says it was downscaled.
 */
export function refitPlan(plan: ExportPlan, actual: { readonly width: number; readonly height: number }): ExportPlan | undefined {
  const longest = Math.max(actual.width, actual.height);
  if (longest <= FIGMA_MAX_IMAGE_SIDE) return undefined;
  const scale = FIGMA_MAX_IMAGE_SIDE / longest;
  const fit = (side: number) => Math.max(1, Math.floor(side * scale));
  return {
    constraint: { type: plan.constraint.type, value: fit(plan.constraint.value) },
    width: fit(actual.width),
    height: fit(actual.height),
    downscaled: true,
  };
}
