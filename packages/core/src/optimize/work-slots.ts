/**
 * A counting semaphore whose takers ask for several slots at once, served first come, first
 * served (a large request is not starved by small ones behind it).
 */
export class WorkSlots {
  readonly size: number;
  #free: number;
  readonly #queue: { readonly count: number; readonly grant: () => void }[] = [];

  constructor(size: number) {
    this.size = size;
    this.#free = size;
  }

  /**
   * Waits for `count` slots (at most {@link WorkSlots.size}) and returns the function that gives
   * them back; resolves to undefined, holding nothing, if `signal` aborts first.
   */
  async take(count: number, signal?: AbortSignal): Promise<(() => void) | undefined> {
    const n = Math.min(Math.max(1, count), this.size);
    if (signal?.aborted === true) return undefined;
    let granted = false;
    let entry: { readonly count: number; readonly grant: () => void } | undefined;
    const grant = new Promise<void>((resolve) => {
      entry = {
        count: n,
        grant: () => {
          granted = true;
          resolve();
        },
      };
      this.#queue.push(entry);
    });
    this.#serve();
    if (signal === undefined) await grant;
    else {
      // Removed once settled: a batch's one signal would otherwise gather a listener a photo.
      let onAbort = (): void => undefined;
      const aborted = new Promise<void>((resolve) => {
        onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
      });
      await Promise.race([grant, aborted]);
      signal.removeEventListener('abort', onAbort);
    }
    if (!granted) {
      this.#queue.splice(this.#queue.indexOf(entry!), 1);
      this.#serve(); // those behind it may fit now
      return undefined;
    }
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.#free += n;
      this.#serve();
    };
  }

  #serve(): void {
    for (let next = this.#queue[0]; next !== undefined && next.count <= this.#free; next = this.#queue[0]) {
      this.#queue.shift();
      this.#free -= next.count;
      next.grant();
    }
  }
}
