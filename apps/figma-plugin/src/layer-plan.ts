/**
 * Which layers of a frame are styled and which stay live on top of the styled picture ("keep text
 * crisp"). Pure: it reads a tree of `{ type, visible, children }`, so it is tested without Figma
 * and the main thread applies it to a temporary copy (for the export) and to the result.
 */

/** Node types that can hold a styled picture under live layers: they have fills and children. */
export const CRISP_ROOT_TYPES: readonly string[] = ['FRAME', 'COMPONENT', 'INSTANCE'];

/** Node types kept as vector icons when that option is on. */
export const VECTOR_TYPES: readonly string[] = ['VECTOR', 'BOOLEAN_OPERATION', 'STAR', 'POLYGON', 'LINE'];

/** What is left out of the styling: text layers, and optionally vector icons. */
export interface KeepLayers {
  readonly text: boolean;
  readonly vectors: boolean;
}

/** The least a layer must have for {@link layerPlan}; every Figma scene node has it. */
export interface LayerTree<T> {
  readonly type: string;
  readonly visible: boolean;
  readonly children?: readonly T[];
}

/** How a frame splits into what is styled and what stays live. */
export interface LayerPlan<T> {
  /** Visible layers kept live (text, icons), in paint order. */
  readonly kept: readonly T[];
  /** Layers that hold kept layers: their own paint (fills, strokes, effects) is in the picture. */
  readonly containers: readonly T[];
  /** The largest visible subtrees with nothing kept in them: painted into the picture entirely. */
  readonly artwork: readonly T[];
}

/**
 * The split of `root`'s descendants for `keep`, or undefined when `root` cannot hold a picture
 * under its children (not a frame, component or instance) or has no visible layer to keep (with
 * `evenWithoutKept`, then all its visible children are artwork). Hidden layers are in none of the
 * lists: they are neither exported nor changed.
 */
export function layerPlan<T extends LayerTree<T>>(root: T, keep: KeepLayers, evenWithoutKept = false): LayerPlan<T> | undefined {
  if (!CRISP_ROOT_TYPES.includes(root.type)) return undefined;
  const isKept = (node: T) => (keep.text && node.type === 'TEXT') || (keep.vectors && VECTOR_TYPES.includes(node.type));
  const kept: T[] = [];
  const containers: T[] = [];
  const artwork: T[] = [];
  /** Whether `node` is or holds a kept layer; fills the lists. */
  const visit = (node: T): boolean => {
    if (!node.visible) return false;
    if (isKept(node)) {
      kept.push(node);
      return true;
    }
    const mark = artwork.length;
    const holds = (node.children ?? []).map(visit).some(Boolean);
    if (holds) {
      containers.push(node);
      return true;
    }
    artwork.splice(mark, artwork.length - mark, node); // the whole subtree is artwork: one entry for it
    return false;
  };
  for (const child of root.children ?? []) visit(child);
  return kept.length === 0 && !evenWithoutKept ? undefined : { kept, containers, artwork };
}
