import type { Segmentation } from "./mmr";
import {
  rleDecode as decodeRows,
  rleDecodeBox as decodeBox,
  rleDecodeBoxColumnMajor as decodeBoxColumns,
  rleDecodeColumnMajor as decodeColumns,
  rleDecodeInto as decodeInto,
} from "./rleDecode";
import { checkSides, RleError } from "./rleLimits";
import { polygonsToRle } from "./rlePolygon";

/*
 * COCO run-length encoding on typed arrays (SPEC section 2).
 *
 * Counts are column-major (down each column, then the next one) and alternate runs of 0s and 1s,
 * starting with a run of 0s. Everything here reproduces pycocotools' maskApi.c bit for bit,
 * quirks included, because the MMR training loader decodes with that library: a mask we show or
 * export must be the mask training will see.
 *
 * Decoded masks have one byte per pixel, 0 or 1: row-major (index y * width + x) from rleDecode,
 * rleDecodeInto and rleDecodeBox; column-major (COCO's order, index x * height + y) from
 * rleDecodeColumnMajor and rleDecodeBoxColumnMajor, which the canvas uses because each run is then
 * one contiguous write.
 */

// Re-exported because the issue tracker fixes rle.ts as the codec's contract; callers import here.
export { RleError, checkCounts, checkSides, defaultRleLimits, rleLimits, setRleLimits, withRleBudget } from "./rleLimits";
export type { RleLimits } from "./rleLimits";
export { rleEncode } from "./rleEncode";
export { rleMerge, rleIou, rleIntersectionArea } from "./rleMerge";
export { polygonsToRle, polygonToRle } from "./rlePolygon";

// ---------------------------------------------------------------------------------------------
// Decoding (sides checked here, at the entry, so the decoder's inner loop stays as it is)
// ---------------------------------------------------------------------------------------------

/** Row-major 0/1 mask of the counts; sides beyond `maxSide` are an `RleError`. */
export function rleDecode(counts: ArrayLike<number>, height: number, width: number): Uint8Array {
  checkSides(height, width);
  return decodeRows(counts, height, width);
}

/** `rleDecode` into a caller's buffer (at least height × width bytes). */
export function rleDecodeInto(counts: ArrayLike<number>, height: number, width: number, out: Uint8Array): Uint8Array {
  checkSides(height, width);
  return decodeInto(counts, height, width, out);
}

/**
 * The pixels of the counts inside `box` ([x, y, w, h]), row-major over the box, into `out` (box
 * w × box h bytes); returns the number of 1s written, -1 for a box outside the image. See rleDecode.ts.
 */
export function rleDecodeBox(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  box: readonly [number, number, number, number],
  out: Uint8Array,
): number {
  checkSides(height, width);
  return decodeBox(counts, height, width, box, out);
}

/**
 * The pixels of the counts inside `box` ([x, y, w, h]), column-major over the box (pixel (x, y) at
 * (x - box x) * box h + (y - box y)), into `out` (box w × box h bytes); returns the number of 1s
 * written, -1 for a box outside the image. What the canvas decodes. See rleDecode.ts.
 */
export function rleDecodeBoxColumnMajor(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  box: readonly [number, number, number, number],
  out: Uint8Array,
): number {
  checkSides(height, width);
  return decodeBoxColumns(counts, height, width, box, out);
}

/** Column-major 0/1 mask of the counts. */
export function rleDecodeColumnMajor(counts: ArrayLike<number>, height: number, width: number): Uint8Array {
  checkSides(height, width);
  return decodeColumns(counts, height, width);
}

// ---------------------------------------------------------------------------------------------
// Compressed string form
// ---------------------------------------------------------------------------------------------

/** Parses a compressed COCO RLE string into counts (reference `rleFrString`). */
export function rleFromString(s: string): Uint32Array {
  // Every count takes at least one character, so s.length bounds the number of counts.
  const out = new Uint32Array(s.length);
  const len = s.length;
  let m = 0;
  let p = 0;
  while (p < len) {
    // Plain arithmetic rather than 32-bit shifts: a count may need 7 groups (35 bits).
    let x = 0;
    let scale = 1;
    let c: number;
    do {
      c = s.charCodeAt(p++) - 48;
      x += (c & 0x1f) * scale;
      scale *= 32;
    } while (c & 0x20 && p < len);
    if (c & 0x10) x -= scale; // sign-extend the last group
    if (m > 2) x += out[m - 2]!;
    out[m++] = x; // stored as uint32, wrapping like the reference's (uint) cast
  }
  return out.slice(0, m);
}

let stringScratch: Uint8Array = new Uint8Array(256);
const asciiDecoder = new TextDecoder();

/** Encodes counts as a compressed COCO RLE string (reference `rleToString`). */
export function rleToString(counts: ArrayLike<number>): string {
  const m = counts.length;
  // 7 characters hold any 35-bit signed delta; a uint32 difference needs at most that.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, a new buffer of the same size only costs an allocation
  if (stringScratch.length < m * 7) stringScratch = new Uint8Array(m * 7);
  const buf = stringScratch;
  let p = 0;
  for (let i = 0; i < m; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    if (x >= -0x20000000 && x < 0x20000000) {
      // Fast path: fits comfortably in 32-bit signed arithmetic.
      for (;;) {
        let c = x & 0x1f;
        x >>= 5;
        const more = c & 0x10 ? x !== -1 : x !== 0;
        if (more) c |= 0x20;
        buf[p++] = c + 48;
        if (!more) break;
      }
    } else {
      for (;;) {
        const q = Math.floor(x / 32);
        let c = x - q * 32;
        x = q;
        const more = c & 0x10 ? x !== -1 : x !== 0;
        if (more) c |= 0x20;
        buf[p++] = c + 48;
        if (!more) break;
      }
    }
  }
  return asciiDecoder.decode(buf.subarray(0, p));
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

/** Number of 1 pixels (reference `rleArea`). */
export function rleArea(counts: ArrayLike<number>): number {
  let a = 0;
  for (let j = 1; j < counts.length; j += 2) a += counts[j]!;
  return a;
}

/**
 * Bounding box `[x, y, w, h]` exactly as the reference `rleToBbox` computes it from the runs,
 * zeros for an empty mask. Its quirk is kept on purpose: when a run of 1s spans two columns the
 * y range becomes the full height, even if no single column is that tall.
 */
export function rleBbox(
  counts: ArrayLike<number>,
  height: number,
  width: number,
): [number, number, number, number] {
  const h = height >>> 0;
  const w = width >>> 0;
  const m = counts.length - (counts.length % 2);
  if (m === 0 || h === 0) return [0, 0, 0, 0];
  let xs = w;
  let ys = h;
  let xe = 0;
  let ye = 0;
  let cc = 0;
  let xp = 0;
  for (let j = 0; j < m; j++) {
    // uint arithmetic as in C, so a degenerate first pair of zero runs wraps the same way.
    cc = (cc + counts[j]!) >>> 0;
    const t = (cc - (j % 2)) >>> 0;
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = h - 1;
    }
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at x = xs
    if (x < xs) xs = x;
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at x = xe
    if (x > xe) xe = x;
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at y = ys
    if (y < ys) ys = y;
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at y = ye
    if (y > ye) ye = y;
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

// ---------------------------------------------------------------------------------------------
// Segmentations
// ---------------------------------------------------------------------------------------------

/**
 * Counts of any MMR segmentation: compressed RLE, uncompressed RLE or polygons (rasterised at
 * height × width). For RLE forms the counts are returned as stored and `size` is not checked
 * against height × width: callers that need the sizes to agree (the `empty_mask` check) compare
 * `segmentation.size` themselves. Sides beyond the limits, and uncompressed counts that are no
 * non-negative integers, are an `RleError` (see rleLimits.ts).
 */
export function segmentationToRle(segmentation: Segmentation, height: number, width: number): Uint32Array {
  checkSides(height, width);
  if (Array.isArray(segmentation)) return polygonsToRle(segmentation, height, width);
  const { counts } = segmentation;
  if (typeof counts === "string") return rleFromString(counts);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!Number.isInteger(c) || c < 0 || c > 0xffffffff) throw new RleError(`count ${i} (${c}) is not a non-negative integer`);
  }
  return Uint32Array.from(counts);
}
