/**
 * Runs a refresh at most once at a time. `run()` promises a refresh that *starts after
 * the call*: a caller who learned that the source changed (an event, a reconnect) must
 * not be handed an answer that was requested before the change. `join()` takes
 * whatever is in flight, and `runAtMostEvery()` bounds refreshes asked for by requests.
 */
export class Refresher {
  private current?: Promise<void>;
  private next?: Promise<void>;
  private lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly minIntervalMs: number,
  ) {}

  run(): Promise<void> {
    if (!this.current) return this.start();
    this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  /** The refresh in flight, else a new one unless the last started within the interval. */
  runAtMostEvery(): Promise<void> {
    if (this.current) return this.current;
    if (Date.now() - this.lastStartedAt < this.minIntervalMs) return Promise.resolve();
    return this.start();
  }

  private start(): Promise<void> {
    this.lastStartedAt = Date.now();
    this.current = this.refresh()
      .catch((error: unknown) => {
        // A failed refresh learnt nothing: the next request may try again at once.
        this.lastStartedAt = Number.NEGATIVE_INFINITY;
        throw error;
      })
      .finally(() => (this.current = undefined));
    return this.current;
  }
}
