/** Space between a layer and a result placed beside it, in px. */
export const BESIDE_GAP = 40;

/** A layer's box in its parent: position of its top-left corner, size, rotation in degrees (Figma's). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rotation?: number;
}

/**
 * The axis-aligned bounds of `box` in its parent. Figma rotates counter-clockwise about the
 * top-left corner: local (u, v) lands at (x + u·cos θ + v·sin θ, y − u·sin θ + v·cos θ).
 */
export function boundsOf(box: Box): { left: number; top: number; right: number; bottom: number } {
  const t = ((box.rotation ?? 0) * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const corners = [
    [0, 0],
    [box.width, 0],
    [0, box.height],
    [box.width, box.height],
  ] as const;
  const xs = corners.map(([u, v]) => box.x + u * cos + v * sin);
  const ys = corners.map(([u, v]) => box.y - u * sin + v * cos);
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return { left: round(Math.min(...xs)), top: round(Math.min(...ys)), right: round(Math.max(...xs)), bottom: round(Math.max(...ys)) };
}

/**
 * Where to put a copy of `node` (same size and rotation) so that its bounds start `gap` px to the
 * right of the rightmost of `siblings` (the node among them), level with the node: the returned
 * `x`, `y` are the copy's own (top-left corner) coordinates.
 */
export function besidePosition(node: Box, siblings: readonly Box[], gap = BESIDE_GAP): { x: number; y: number } {
  const own = boundsOf(node);
  const right = Math.max(own.right, ...siblings.map((s) => boundsOf(s).right));
  return { x: right + gap + (node.x - own.left), y: node.y };
}
