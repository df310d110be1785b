/*
 * Test helpers for the COCO RLE codec's tests (rle, rleDecode, rleEncode) and the canvas mask tests: reference decoders and
 * an encoder written straight from the definition (counts of 0s and 1s alternating, zeros first,
 * read down each column), and seeded mask generators. Not shipped; not mutated.
 */

/** Column-major 0/1 pixels of the counts, one pixel at a time. */
export function referenceColumns(counts: ArrayLike<number>, h: number, w: number): Uint8Array {
  const out = new Uint8Array(h * w);
  let pos = 0;
  for (let i = 0; i < counts.length; i++) {
    for (let k = 0; k < counts[i]! && pos < h * w; k++, pos++) out[pos] = i % 2;
  }
  return out;
}

/** Row-major 0/1 pixels of the counts (pixel (x, y) at y * w + x). */
export function referenceRows(counts: ArrayLike<number>, h: number, w: number): Uint8Array {
  const cols = referenceColumns(counts, h, w);
  const out = new Uint8Array(h * w);
  for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) out[y * w + x] = cols[x * h + y]!;
  return out;
}

/** A row-major w × h grid read column by column (pixel (x, y) at x * h + y): what a column-major decoder gives. */
export function toColumns(rows: ArrayLike<number>, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + y] = rows[y * w + x]!;
  return out;
}

/** Counts of a row-major mask (nonzero = 1) read in column order, pixel by pixel; the first run of 0s may be empty. */
export function referenceCounts(mask: ArrayLike<number>, h: number, w: number): number[] {
  const counts: number[] = [];
  let on = 0;
  let run = 0;
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      const v = mask[y * w + x] !== 0 ? 1 : 0;
      if (v !== on) {
        counts.push(run);
        run = 0;
        on = v;
      }
      run++;
    }
  }
  counts.push(run);
  return counts;
}

/**
 * Index of the first element where two arrays differ, -1 when equal. Deep equality in the
 * assertion library is far too slow on 300K-pixel masks, and an index is the useful failure anyway.
 */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** A row-major mask: each pixel on with probability `density`. */
export function noise(h: number, w: number, random: () => number, density: number): Uint8Array {
  const m = new Uint8Array(h * w);
  for (let i = 0; i < m.length; i++) m[i] = random() < density ? 1 : 0;
  return m;
}

/** A row-major mask of `n` ellipses, radii `min` + up to `spread` of the side. */
export function blobs(h: number, w: number, random: () => number, n: number, min = 0.5, spread = 0.35): Uint8Array {
  const m = new Uint8Array(h * w);
  for (let b = 0; b < n; b++) {
    const cx = random() * w;
    const cy = random() * h;
    const rx = min + random() * w * spread;
    const ry = min + random() * h * spread;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) m[y * w + x] = 1;
    }
  }
  return m;
}

/** A row-major mask whose pixel (x, y) is on when `on(x, y)`. */
export function pattern(h: number, w: number, on: (x: number, y: number) => boolean): Uint8Array {
  const m = new Uint8Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) m[y * w + x] = on(x, y) ? 1 : 0;
  return m;
}
