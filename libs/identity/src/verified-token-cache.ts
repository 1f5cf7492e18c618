interface Entry<T> {
  value: T;
  /** Seconds since the epoch (the token's `exp`). */
  expiresAt: number;
}

/**
 * Verified tokens by their compact form, least recently used evicted first, each
 * served only until its `exp`. A Map iterates in insertion order, so re-inserting
 * on a hit keeps the least recently used entry first.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowSeconds: number): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.expiresAt <= nowSeconds) return undefined;
    this.entries.set(token, entry);
    return entry.value;
  }

  set(token: string, value: T, expiresAt: number): void {
    this.entries.delete(token);
    this.entries.set(token, { value, expiresAt });
    if (this.entries.size > this.capacity) this.evictOldest();
  }

  clear(): void {
    this.entries.clear();
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
