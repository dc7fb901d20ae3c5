/**
 * Runs `work` on each of `items`, at most `lanes` at once, started in order (the next item goes to
 * the first lane that is free). After a failure no further item starts; once the items already
 * running have ended, the first failure is thrown. So no work is left running behind the caller,
 * and a failure is never hidden by a later one. A tiled evaluation's tiles use it, and so does the
 * CLI's batch of photos.
 */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async (): Promise<void> => {
    while (failures.length === 0 && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
  if (failures.length > 0) throw failures[0];
}
