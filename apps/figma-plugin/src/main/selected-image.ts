import type { FigmaNode } from './figma-api.js';

/** The first node in `selection` with a visible image fill, and that fill's image hash. */
export function selectedImage(selection: readonly FigmaNode[]): { node: FigmaNode; imageHash: string } | undefined {
  for (const node of selection) {
    const fills = node.fills;
    if (!Array.isArray(fills)) continue;
    for (const paint of fills as readonly { type: string; visible?: boolean; imageHash?: string | null }[]) {
      if (paint.type === 'IMAGE' && paint.visible !== false && typeof paint.imageHash === 'string') {
        return { node, imageHash: paint.imageHash };
      }
    }
  }
  return undefined;
}
