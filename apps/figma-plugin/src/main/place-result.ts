import type { ImagePaint } from '@figma/plugin-typings/plugin-api-standalone.js';
import type { Placement } from '../protocol.js';
import type { FigmaApi, FigmaNode } from './figma-api.js';

/** Space between an original and a result placed beside it, in px. */
export const BESIDE_GAP = 40;

/** The name of a result layer: "<node name> · <style name>". */
export const resultName = (node: Pick<FigmaNode, 'name'>, styleName: string): string => `${node.name} · ${styleName}`;

/** Whether `node` has fills that `placement: 'replace'` can change. */
export const hasFills = (node: FigmaNode): boolean => node.fills !== undefined;

/**
 * Puts the image `imageHash` into the document for `node`: a new rectangle of the same size with
 * an IMAGE fill, in the same parent just above the original (`above`) or to its right (`beside`);
 * or, for `replace`, as the original's only fill. Returns the node that shows the result.
 */
export function placeResult(
  figma: Pick<FigmaApi, 'createRectangle'>,
  node: FigmaNode,
  imageHash: string,
  placement: Placement,
  styleName: string,
): FigmaNode {
  const paint: ImagePaint = { type: 'IMAGE', imageHash, scaleMode: 'FILL' };
  if (placement === 'replace') {
    node.fills = [paint];
    return node;
  }
  const result = figma.createRectangle();
  result.name = resultName(node, styleName);
  result.resize(node.width, node.height);
  result.fills = [paint];
  const parent = node.parent;
  if (parent !== null) {
    parent.insertChild(parent.children.indexOf(node) + 1, result);
    if (parent.layoutMode !== undefined && parent.layoutMode !== 'NONE') result.layoutPositioning = 'ABSOLUTE';
  }
  result.x = placement === 'beside' ? node.x + node.width + BESIDE_GAP : node.x;
  result.y = node.y;
  return result;
}
