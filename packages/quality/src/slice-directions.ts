import { seededRandom } from './seeded-random.js';

/** A unit vector in colour space. */
export type Direction = readonly [number, number, number];

/**
 * `count` directions drawn uniformly on the unit sphere (normalised standard normal triples,
 * Box–Muller over {@link seededRandom} seeded with `seed`): the same arguments give the
 * same directions on every platform (Marsaglia 1972 for the construction).
 */
export function sliceDirections(count: number, seed: number): Direction[] {
  const uniform = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const directions: Direction[] = [];
  while (directions.length < count) {
    const x = normal();
    const y = normal();
    const z = normal();
    const norm = Math.hypot(x, y, z);
    if (norm > 1e-9) directions.push([x / norm, y / norm, z / norm]);
  }
  return directions;
}
