/**
 * Where a layer's result can go. Figma lets no plugin insert a layer into an instance or into
 * anything inside one ("Cannot move node. New parent is an instance or is inside of an instance",
 * https://developers.figma.com/docs/plugins/api/properties/nodes-insertchild), so the result of a
 * layer inside an instance goes to the nearest place Figma allows: the parent of the outermost
 * instance around it, just above that instance, at the layer's own place on the canvas (the
 * layers between taken unrotated, as their x and y add up only then). Pure: it
 * reads a chain of `{ type, name, x, y, parent }`, so it is tested without Figma.
 */

/** The least a layer's parents must have for {@link resultHost}; pages and the document have no `x`, `y`. */
export interface HostTree<P> {
  readonly id?: string;
  readonly type?: string;
  readonly name?: string;
  readonly x?: number;
  readonly y?: number;
  readonly parent?: P | null;
}

/** Where a result goes: into `parent`, just above `above`, at `x`, `y` in `parent`'s coordinates. */
export interface ResultHost<P> {
  readonly parent: P | null;
  /** The outermost instance the layer is inside, which the result is put just above; absent: above the layer itself. */
  readonly leftInstance?: P;
  /** The layer's top-left corner in `parent`'s coordinates. */
  readonly x: number;
  readonly y: number;
}

/** `node`'s result host (see the module comment): the layer's own parent when Figma allows it. */
export function resultHost<P extends HostTree<P>>(node: {
  readonly x: number;
  readonly y: number;
  readonly parent: P | null;
}): ResultHost<P> {
  let outermost: P | undefined;
  for (let at: P | null | undefined = node.parent; at; at = at.parent) if (at.type === 'INSTANCE') outermost = at;
  if (outermost === undefined) return { parent: node.parent, x: node.x, y: node.y };
  let x = node.x;
  let y = node.y;
  for (let at: P | null | undefined = node.parent; at && at !== outermost.parent; at = at.parent) {
    x += at.x ?? 0;
    y += at.y ?? 0;
  }
  return { parent: outermost.parent ?? null, leftInstance: outermost, x, y };
}

/** The line that tells the user where the result of `layer`, inside `instance`, was put. */
export function leftInstanceNote(layer: string, instance: string): string {
  return (
    `“${layer}” is inside the instance “${instance}”, where Figma lets no plugin add layers: ` +
    `its result is just above “${instance}”, at the layer’s place.`
  );
}
