/**
 * The one way tests wait for a message: the fake Figma's `figma.ui`, the mock VS Code's webview
 * panel and the browser tests' page bridges all record what crosses them in a log, and a test
 * takes the next unread message of a type from it, in the order they came, waiting if need be.
 * Taking (not peeking) is what lets a test wait for the second `saved` after the first.
 */

/** The messages of `M` whose `type` is `T`; for an open `{ type: string }` message, `M` with that type. */
export type MessageOfType<M extends { readonly type: string }, T extends M['type']> = [Extract<M, { readonly type: T }>] extends [never]
  ? M & { readonly type: T }
  : Extract<M, { readonly type: T }>;

/** Messages of a `{ type }` union as they arrive, and a way to wait for the next unread one of a type. */
export class MessageLog<M extends { readonly type: string }> {
  /** Every message so far, in order. */
  readonly messages: M[] = [];
  private readonly taken = new Set<number>();
  private waiters: { type: string; resolve: (m: M) => void }[] = [];
  private readonly listeners = new Set<(m: M) => void>();

  /** `next` gives up after `timeoutMs` unless told otherwise. */
  constructor(private readonly timeoutMs = 120_000) {}

  /** Records `message`, hands it to a waiting `next`, then to the listeners. */
  push(message: M): void {
    this.messages.push(message);
    this.settle();
    for (const listener of [...this.listeners]) listener(message);
  }

  /** Calls `listener` with every later message; returns a function that stops it. */
  listen(listener: (m: M) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first message of `type` no earlier `next` took, waiting up to `timeoutMs` for it. */
  next<T extends M['type']>(type: T, timeoutMs = this.timeoutMs): Promise<MessageOfType<M, T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no '${type}' message within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        type,
        resolve: (m: M) => {
          clearTimeout(timer);
          resolve(m as MessageOfType<M, T>);
        },
      };
      this.waiters.push(waiter);
      this.settle();
    });
  }

  /** The messages of `type` so far, taken or not. */
  all<T extends M['type']>(type: T): MessageOfType<M, T>[] {
    return this.messages.filter((m): m is MessageOfType<M, T> => m.type === type);
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
