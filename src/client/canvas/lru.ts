/*
 * A least-recently-used map bounded by a weight (pixels, bytes…) rather than by entry count,
 * because a 4-pixel part and a full-frame stuff mask should not cost the same.
 */
export class WeightedLru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly budget: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    // Re-insert to move it to the young end (Map keeps insertion order).
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  /** Reads without touching recency. */
  peek(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  set(key: K, value: V, weight: number): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.weight;
      this.map.delete(key);
    }
    this.map.set(key, { value, weight });
    this.total += weight;
    // Evict the oldest, but never the entry just added even if it alone exceeds the budget.
    for (const [k, e] of this.map) {
      if (this.total <= this.budget || k === key) break;
      this.map.delete(k);
      this.total -= e.weight;
      this.onEvict?.(k, e.value);
    }
  }

  get size(): number {
    return this.map.size;
  }

  get weight(): number {
    return this.total;
  }

  clear(): void {
    for (const [k, e] of this.map) this.onEvict?.(k, e.value);
    this.map.clear();
    this.total = 0;
  }
}
