/** Messages of a `{ type }` union as they arrive, and a way to wait for the next unread one of a type. */
export class MessageLog<M extends { readonly type: string }> {
  readonly messages: M[] = [];
  private readonly taken = new Set<number>();
  private waiters: { type: string; resolve: (m: M) => void }[] = [];
  private readonly listeners: ((m: M) => void)[] = [];

  push(message: M): void {
    this.messages.push(message);
    this.settle();
    for (const listener of this.listeners) listener(message);
  }

  /** Calls `listener` with every later message. */
  listen(listener: (m: M) => void): void {
    this.listeners.push(listener);
  }

  /** The first message of `type` no earlier `next` took, waiting up to `timeoutMs` for it. */
  next<T extends M['type']>(type: T, timeoutMs = 120_000): Promise<Extract<M, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${type}' message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<M, { type: T }>);
        },
      });
      this.settle();
    });
  }

  private settle(): void {
    this.waiters = this.waiters.filter((w) => {
      const i = this.messages.findIndex((m, j) => !this.taken.has(j) && m.type === w.type);
      if (i < 0) return true;
      this.taken.add(i);
      w.resolve(this.messages[i]!);
      return false;
    });
  }
}
