/**
 * Puts a styled picture into the document. A layer whose text is kept crisp gets a styled copy of
 * itself (or, with `replace`, is itself changed): the picture becomes the frame's fill, under all
 * its children; the layers painted into the picture are made transparent and the layers holding
 * kept ones lose their own paint, so what shows is the picture with the live text on top, and the
 * frame keeps its auto layout, constraints, prototyping, rotation, corner radius, clipping,
 * opacity, blend mode, effects and strokes (so does a frame copied for `variations`). Any other
 * layer gets a rectangle with the picture, with the layer's rotation, corner radius, opacity,
 * blend mode, effects and (see `liveStrokes`) strokes: those are not in the picture, so each is
 * drawn once. A layer inside an instance, where Figma lets no plugin add layers, has its result
 * put just above the outermost instance around it (see `resultHost`). If Figma refuses a change
 * half-way, what was done is undone before the error goes on, so nothing is left half-made.
 */
import type { ImagePaint } from '@figma/plugin-typings/plugin-api-standalone.js';
import { besidePosition } from '../beside-position.js';
import { layerPlan, type KeepLayers } from '../layer-plan.js';
import { liveStrokes } from '../live-edge.js';
import type { Placement } from '../protocol.js';
import { resultHost } from '../result-host.js';
import type { FigmaApi, FigmaNode } from './figma-api.js';

export { BESIDE_GAP } from '../beside-position.js';

/** The name of a result layer: "<node name> · <style name>". */
export const resultName = (node: Pick<FigmaNode, 'name'>, styleName: string): string => `${node.name} · ${styleName}`;

/** Whether `node` has fills that `placement: 'replace'` can change. */
export const hasFills = (node: FigmaNode): boolean => node.fills !== undefined;

/** Changes made so far, each with the function that takes it back. */
class Changes {
  private readonly undo: (() => void)[] = [];

  set<K extends 'fills' | 'strokes' | 'effects' | 'opacity'>(node: FigmaNode, key: K, value: FigmaNode[K]): void {
    const before = node[key];
    node[key] = value;
    this.undo.push(() => (node[key] = before));
  }

  /** Takes back every change, newest first, as far as Figma lets it. */
  revert(): void {
    for (const undo of this.undo.reverse()) {
      try {
        undo();
      } catch {
        // The node is gone or the plugin closed: nothing more can be taken back.
      }
    }
  }
}

/**
 * Puts `result` next to `node`: same parent, just above it (or above `after`, an earlier result
 * of the same run, so a row of variations is in the layer list in the order it is on the canvas),
 * at its place or beside the rightmost sibling. A layer inside an instance, where Figma lets no
 * plugin add layers, has its result put just above the outermost instance around it instead (see
 * `resultHost`).
 */
function position(node: FigmaNode, result: FigmaNode, placement: 'above' | 'beside', after?: FigmaNode): void {
  const host = resultHost(node);
  const parent = host.parent;
  const at = { x: host.x, y: host.y, width: node.width, height: node.height, rotation: node.rotation ?? 0 };
  if (parent !== null) {
    const belowId = after !== undefined && !after.removed && after.parent === parent ? after.id : (host.leftInstance?.id ?? node.id);
    parent.insertChild(parent.children.findIndex((c) => c.id === belowId) + 1, result);
    if (parent.layoutMode !== undefined && parent.layoutMode !== 'NONE') result.layoutPositioning = 'ABSOLUTE';
  }
  const siblings = (parent?.children ?? [node]).filter((s) => s !== result);
  const box = (n: FigmaNode) => ({ x: n.x, y: n.y, width: n.width, height: n.height, rotation: n.rotation ?? 0 });
  const place = placement === 'beside' ? besidePosition(at, siblings.map(box)) : at;
  result.x = place.x;
  result.y = place.y;
}

/** The picture as the frame's only fill, under its children; the layers it replaces made transparent. */
function paintUnderKeptLayers(target: FigmaNode, keep: KeepLayers, paint: ImagePaint, changes: Changes): void {
  const plan = layerPlan(target, keep, true);
  for (const layer of plan?.containers ?? []) {
    if (Array.isArray(layer.fills) && layer.fills.length > 0) changes.set(layer, 'fills', []);
    if (layer.strokes !== undefined && layer.strokes.length > 0) changes.set(layer, 'strokes', []);
    if (layer.effects !== undefined && layer.effects.length > 0) changes.set(layer, 'effects', []);
  }
  for (const layer of plan?.artwork ?? []) if (layer.opacity !== undefined && layer.opacity !== 0) changes.set(layer, 'opacity', 0);
  changes.set(target, 'fills', [paint]); // its own strokes and effects stay, live: they are not in the picture
}

/** The layer's own effects, and its strokes when they stay live (`liveStrokes`), on the rectangle that carries its picture. */
function copyEdge(node: FigmaNode, result: FigmaNode, placement: Placement): void {
  if (node.effects !== undefined && node.effects.length > 0) result.effects = node.effects;
  if (!liveStrokes(node.type, placement) || node.strokes === undefined || node.strokes.length === 0) return;
  result.strokes = node.strokes;
  if (typeof node.strokeWeight === 'number') result.strokeWeight = node.strokeWeight;
  if (node.strokeAlign !== undefined) result.strokeAlign = node.strokeAlign;
}

/** What `placeResult` puts into the document, and where. */
export interface ResultToPlace {
  /** The layer that was styled. */
  readonly node: FigmaNode;
  /** The styled picture, as the hash `figma.createImage` gave it. */
  readonly imageHash: string;
  /** A new layer just above `node`, one beside its rightmost sibling, or `node` itself changed. */
  readonly placement: Placement;
  /** The style's label, for the new layer's name (`resultName`). */
  readonly styleName: string;
  /** The layers that stay live over the picture (default: none). */
  readonly keep?: KeepLayers;
  /** An earlier result of the same run, which this one goes just above (see `position`). */
  readonly after?: FigmaNode;
  /**
   * The run makes variations (one result per style): a frame, component or instance then gets a
   * copy of itself even with nothing to keep, which Figma labels with its name on the canvas.
   */
  readonly variations?: boolean;
}

/**
 * Puts the styled picture into the document for `node` (see the module comment and
 * `ResultToPlace`) and returns the node that shows it: a new layer just above the original
 * (`above`), beside the rightmost of its siblings (`beside`), or the original itself (`replace`).
 */
export function placeResult(figma: Pick<FigmaApi, 'createRectangle'>, toPlace: ResultToPlace): FigmaNode {
  const { node, imageHash, placement, styleName, after } = toPlace;
  const keep = toPlace.keep ?? { text: false, vectors: false };
  const frameCopy = toPlace.variations === true && placement !== 'replace';
  const paint: ImagePaint = { type: 'IMAGE', imageHash, scaleMode: 'FILL' };
  const crisp = layerPlan(node, keep, frameCopy) !== undefined;
  const changes = new Changes();
  if (placement === 'replace') {
    try {
      if (crisp) paintUnderKeptLayers(node, keep, paint, changes);
      else changes.set(node, 'fills', [paint]);
    } catch (error) {
      changes.revert();
      throw error;
    }
    return node;
  }
  const result = crisp ? node.clone() : figma.createRectangle();
  try {
    result.name = resultName(node, styleName);
    if (crisp) {
      paintUnderKeptLayers(result, keep, paint, changes);
    } else {
      if ('resize' in result && typeof result.resize === 'function') result.resize(node.width, node.height);
      result.fills = [paint];
      if (typeof node.cornerRadius === 'number' && node.cornerRadius > 0) result.cornerRadius = node.cornerRadius;
      if (node.opacity !== undefined && node.opacity !== 1) result.opacity = node.opacity;
      if (node.blendMode !== undefined && node.blendMode !== 'PASS_THROUGH' && node.blendMode !== 'NORMAL')
        result.blendMode = node.blendMode;
      if ((node.rotation ?? 0) !== 0) result.rotation = node.rotation ?? 0;
      copyEdge(node, result, placement);
    }
    position(node, result, placement, after);
  } catch (error) {
    try {
      if (!result.removed) result.remove();
    } catch {
      // The plugin closed: Figma drops nothing, but nothing more can be done from here.
    }
    throw error;
  }
  return result;
}
