/*
 * Seeded sampling and the Wilson score interval, for the gallery's "Sample N" estimate. Pure and
 * deterministic, so a sample shared by URL (filter + seed + N) draws the same pairs anywhere.
 */

/** 32-bit FNV-1a of a string: turns a human seed ("audit-3") into PRNG state. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and well distributed enough for drawing audit samples. */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * N items drawn without replacement, returned in their original order (so a sample reads like the
 * queue). A partial Fisher–Yates over indices: O(N) draws, whatever the population size.
 */
export function seededSample<T>(items: readonly T[], n: number, seed: string): T[] {
  const count = Math.max(0, Math.min(Math.floor(n), items.length));
  if (count === items.length) return [...items];
  const random = mulberry32(hashSeed(seed));
  // Sparse swap table instead of a copy of the indices: a 154K-pair population stays cheap.
  const swapped = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    picked.push(atJ);
  }
  picked.sort((a, b) => a - b);
  return picked.map((index) => items[index]!);
}

export interface Interval {
  /** Observed share k / n (0 when n is 0). */
  estimate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for k successes in n trials. Unlike the normal approximation it stays
 * inside [0, 1] and is sensible for 0/n and n/n, which small audit samples often give.
 */
export function wilsonInterval(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return { estimate: 0, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
