import type { Pixels } from '../image/pixels.js';
import type { TiledObjective } from '../tiling/tiled-objective.js';
import { assertClose, randomValues } from './tensors.js';

/**
 * Asserts that `gradient`, an objective's ∂J/∂x at `x`, matches central finite differences along a
 * seeded random direction v: ⟨∂J/∂x, v⟩ ≈ (J(x + hv) − J(x − hv)) / 2h, within 5 %. The gradient is
 * read before J is evaluated again: an objective may reuse its gradient's buffer.
 */
export async function assertPixelGradient(
  objective: Pick<TiledObjective, 'evaluatePixels'>,
  x: Pixels,
  gradient: ArrayLike<number>,
  h = 3e-3,
): Promise<void> {
  const direction = randomValues(x.data.length, 7);
  const analytic = Array.from(gradient).reduce((sum, g, i) => sum + g * direction[i]!, 0);
  const along = async (sign: number) =>
    (await objective.evaluatePixels({ ...x, data: x.data.map((v, i) => v + sign * h * direction[i]!) })).loss;
  const numeric = ((await along(1)) - (await along(-1))) / (2 * h);
  assertClose(analytic, numeric, { rtol: 5e-2, atol: 0 }, '⟨∂J/∂x, v⟩');
}
