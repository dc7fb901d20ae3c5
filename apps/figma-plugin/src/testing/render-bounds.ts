/**
 * The geometry of what Figma renders for a node, for the fake's `exportAsync`: the box that
 * `absoluteRenderBounds` describes ("the actual bounds of a node accounting for drop shadows, thick
 * strokes, and anything else that may fall outside the node's regular bounding box", typings
 * 1.142 `LayoutMixin.absoluteRenderBounds`; Version 1 Update 38,
 * https://developers.figma.com/docs/plugins/updates/2021/11/03/version-1-update-38), which is
 * what an export without `useAbsoluteBounds: true` covers
 * (https://developers.figma.com/docs/plugins/api/ExportSettings: `useAbsoluteBounds` "Use the full
 * dimensions of the node regardless of whether or not it is cropped or the space around it is
 * empty … Defaults to false").
 */
import type { Effect } from '@figma/plugin-typings/plugin-api-standalone.js';

/** A rectangle in a node's own (unrotated) coordinates, its origin at the node's top-left corner. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest box holding both (either may be absent). */
export function union(a: Box | undefined, b: Box | undefined): Box | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  return {
    left,
    top,
    width: Math.max(a.left + a.width, b.left + b.width) - left,
    height: Math.max(a.top + a.height, b.top + b.height) - top,
  };
}

/** The part of `a` inside `b`, or undefined when they do not overlap. */
export function intersect(a: Box, b: Box): Box | undefined {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.left + a.width, b.left + b.width);
  const bottom = Math.min(a.top + a.height, b.top + b.height);
  return right > left && bottom > top ? { left, top, width: right - left, height: bottom - top } : undefined;
}

/** `box` grown by `by` on every side, moved by (dx, dy). */
export const grow = (box: Box, by: number, dx = 0, dy = 0): Box => ({
  left: box.left - by + dx,
  top: box.top - by + dy,
  width: box.width + 2 * by,
  height: box.height + 2 * by,
});

/** How far a stroke of `weight` aligned `align` reaches outside the node's box. */
export function strokeOutset(weight: number, align: 'CENTER' | 'INSIDE' | 'OUTSIDE'): number {
  return align === 'OUTSIDE' ? weight : align === 'CENTER' ? weight / 2 : 0;
}

/**
 * `shape` (what the node and its children render) with the visible effects' reach added: a drop
 * shadow is the shape moved by its offset and grown by its blur radius and spread; a layer blur
 * grows the shape by its radius. Inner shadows and background blurs stay inside the shape.
 */
export function withEffects(shape: Box, effects: readonly Effect[]): Box {
  let bounds = shape;
  for (const effect of effects) {
    if (!effect.visible) continue;
    if (effect.type === 'DROP_SHADOW') {
      bounds = union(bounds, grow(shape, effect.radius + (effect.spread ?? 0), effect.offset.x, effect.offset.y)) ?? bounds;
    } else if (effect.type === 'LAYER_BLUR') {
      bounds = union(bounds, grow(shape, effect.radius)) ?? bounds;
    }
  }
  return bounds;
}

/**
 * The bounding box, in the parent's axes relative to the node's origin, of `box` (in the node's
 * own axes) rotated by `degrees` about that origin, as Figma's transform rotates (counter-clockwise).
 */
export function rotatedBounds(box: Box, degrees: number): Box {
  const t = (degrees * Math.PI) / 180;
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  const corners = [
    [box.left, box.top],
    [right, box.top],
    [box.left, bottom],
    [right, bottom],
  ].map(([u = 0, v = 0]) => [u * Math.cos(t) + v * Math.sin(t), -u * Math.sin(t) + v * Math.cos(t)] as const);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}
