/**
 * β for a strength s ∈ [0, 1]: `β = β₀ · 100^(2s − 1)`, so 0.5 keeps the network's balance β₀/α
 * and each end moves it a hundredfold.
 */
export function styleWeightFor(strength: number, networkStyleWeight: number): number {
  return networkStyleWeight * 100 ** (2 * strength - 1);
}
