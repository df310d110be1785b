import { describe, expect, it } from "vitest";
import { rleDecode, rleDecodeBox, rleDecodeBoxColumnMajor, rleDecodeColumnMajor, rleDecodeInto } from "./rleDecode";
import { mulberry32 } from "./sampling";
import { blobs, firstDifference, noise, pattern, referenceColumns, referenceCounts, referenceRows, toColumns } from "./testMasks";

/*
 * The decoders against a pixel-by-pixel reference written from the definition (SPEC section 2:
 * counts alternate 0s and 1s, starting with 0s, down each column then the next), on masks whose
 * shapes reach every path of the span decoder: single blobs (one span per column), several parts,
 * noise, stripes, empty columns between parts, runs crossing columns, counts that stop short or
 * run past the area, and boxes that cut the mask anywhere.
 */

type Box = [number, number, number, number];

function crop(full: Uint8Array, w: number, [bx, by, bw, bh]: Box): Uint8Array {
  const out = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) out[y * bw + x] = full[(y + by) * w + x + bx]!;
  return out;
}

function ones(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]!;
  return n;
}

/** Every decoder on these counts agrees with the reference, for the frame and the given boxes. */
function checkAll(counts: ArrayLike<number>, h: number, w: number, boxes: Box[], what: string): void {
  const want = referenceRows(counts, h, w);
  expect(firstDifference(rleDecode(counts, h, w), want), `${what}: rleDecode`).toBe(-1);
  const into = new Uint8Array(h * w + 3).fill(9);
  expect(rleDecodeInto(counts, h, w, into)).toBe(into);
  expect(firstDifference(into.subarray(0, h * w), want), `${what}: rleDecodeInto`).toBe(-1);
  expect(Array.from(into.subarray(h * w)), `${what}: bytes after the mask`).toEqual([9, 9, 9]);
  expect(firstDifference(rleDecodeColumnMajor(counts, h, w), referenceColumns(counts, h, w)), `${what}: column-major`).toBe(-1);
  for (const box of [[0, 0, w, h] as Box, ...boxes]) {
    const wantBox = crop(want, w, box);
    const out = new Uint8Array(wantBox.length + 2).fill(7);
    const n = rleDecodeBox(counts, h, w, box, out);
    expect(firstDifference(out.subarray(0, wantBox.length), wantBox), `${what}: box ${box.join(",")}`).toBe(-1);
    expect(Array.from(out.subarray(wantBox.length)), `${what}: box ${box.join(",")}, bytes after it`).toEqual([7, 7]);
    expect(n, `${what}: box ${box.join(",")}, 1s written`).toBe(ones(wantBox));
    // Column-major over the box: the transpose of the row-major box.
    const cols = new Uint8Array(wantBox.length + 2).fill(7);
    const nc = rleDecodeBoxColumnMajor(counts, h, w, box, cols);
    expect(firstDifference(cols.subarray(0, wantBox.length), toColumns(wantBox, box[2], box[3])), `${what}: column-major box ${box.join(",")}`).toBe(-1);
    expect(Array.from(cols.subarray(wantBox.length)), `${what}: column-major box ${box.join(",")}, bytes after it`).toEqual([7, 7]);
    expect(nc, `${what}: column-major box ${box.join(",")}, 1s written`).toBe(ones(wantBox));
    // Into a view that starts at an odd byte of its buffer: the 8-byte stores must land on the view.
    const wider = new Uint8Array(wantBox.length + 13).fill(7);
    expect(rleDecodeBoxColumnMajor(counts, h, w, box, wider.subarray(5, 5 + wantBox.length))).toBe(nc);
    expect(firstDifference(wider.subarray(5, 5 + wantBox.length), cols.subarray(0, wantBox.length)), `${what}: column-major box ${box.join(",")} at byte 5`).toBe(-1);
    expect([...wider.subarray(0, 5), ...wider.subarray(5 + wantBox.length)], `${what}: column-major box ${box.join(",")} at byte 5, bytes around it`).toEqual(new Array(13).fill(7));
  }
}

/** Boxes that cut the image: full rows, full columns, a corner, the middle, single pixels. */
function boxesFor(h: number, w: number, random: () => number): Box[] {
  const boxes: Box[] = [
    [0, Math.floor(h / 3), w, h - Math.floor(h / 3)],
    [0, 0, w, Math.ceil(h / 2)],
    [Math.floor(w / 2), 0, w - Math.floor(w / 2), h],
    [0, 0, Math.ceil(w / 2), h],
    [w - 1, h - 1, 1, 1],
  ];
  for (let k = 0; k < 4; k++) {
    const bx = Math.floor(random() * w);
    const by = Math.floor(random() * h);
    boxes.push([bx, by, 1 + Math.floor(random() * (w - bx)), 1 + Math.floor(random() * (h - by))]);
  }
  return boxes;
}

describe("decoding, by hand", () => {
  it("decodes columns taller than the scratch buffers hold, every other pixel on", () => {
    // 3001 rows × 3 columns; columns 0 and 1 alternate 0,1,0,1,…,0 (1500 spans each), column 2 is all 1s.
    const h = 3001;
    const counts: number[] = [];
    for (let y = 0; y < 1500; y++) counts.push(1, 1);
    counts.push(2, 1); // row 3000 of column 0 and row 0 of column 1 are 0
    for (let y = 1; y < 1500; y++) counts.push(1, 1);
    counts.push(1, h); // row 3000 of column 1 is 0, then column 2
    const mask = rleDecode(counts, h, 3);
    expect(ones(mask)).toBe(1500 + 1500 + h);
    for (const y of [0, 1, 2, 1499, 2998, 2999, 3000]) {
      expect([mask[y * 3], mask[y * 3 + 1], mask[y * 3 + 2]], `row ${y}`).toEqual([y % 2, y % 2, 1]);
    }
    checkAll(counts, h, 3, [[0, 2990, 3, 11], [1, 0, 1, h], [0, 1, 2, 3000], [1, 1, 2, 3000], [2, 2, 1, 2999]], "tall");
  });

  it("decodes a short wide mask, a 2×3 example and the empty ones", () => {
    // 2 rows × 3 columns: [1 zero, 3 ones, 2 zeros] → column 0 = (0, 1), column 1 = (1, 1).
    expect(Array.from(rleDecode([1, 3, 2], 2, 3))).toEqual([0, 1, 0, 1, 1, 0]);
    expect(Array.from(rleDecodeColumnMajor([1, 3, 2], 2, 3))).toEqual([0, 1, 1, 1, 0, 0]);
    const box = new Uint8Array(2).fill(5);
    expect(rleDecodeBox([1, 3, 2], 2, 3, [1, 0, 2, 1], box)).toBe(1);
    expect(Array.from(box)).toEqual([1, 0]);
    expect(Array.from(rleDecode([], 2, 2))).toEqual([0, 0, 0, 0]);
    expect(Array.from(rleDecode([0, 5], 0, 5))).toEqual([]);
    const out = Uint8Array.of(4, 4, 4);
    expect(Array.from(rleDecodeInto([0, 3], 0, 3, out))).toEqual([4, 4, 4]); // nothing to decode, nothing cleared
    expect(rleDecodeBox([0, 3], 0, 3, [0, 0, 0, 0], out)).toBe(0);
  });

  it("decodes a box column-major: the 2×3 example, full-height boxes and runs crossing columns", () => {
    // 2 rows × 3 columns, [1 zero, 3 ones, 2 zeros]: pixels (0, 1), (1, 0), (1, 1) are on.
    const row = new Uint8Array(3).fill(5);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [0, 1, 3, 1], row)).toBe(2);
    expect(Array.from(row)).toEqual([1, 1, 0]);
    const square = new Uint8Array(4).fill(5);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [0, 0, 2, 2], square)).toBe(3);
    expect(Array.from(square)).toEqual([0, 1, 1, 1]); // column 0 = (0, 1), column 1 = (1, 1)
    const right = new Uint8Array(4).fill(5);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [1, 0, 2, 2], right)).toBe(2);
    expect(Array.from(right)).toEqual([1, 1, 0, 0]);
    const bottomRight = new Uint8Array(2).fill(5);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [1, 1, 2, 1], bottomRight)).toBe(1);
    expect(Array.from(bottomRight)).toEqual([1, 0]);
    // 3 rows × 3 columns, one run from (1, 0) down and across to (1, 2): rows 1 and 2 of column 0,
    // all of column 1, row 0 of column 2.
    const middle = new Uint8Array(3).fill(5);
    expect(rleDecodeBoxColumnMajor([1, 6, 2], 3, 3, [0, 1, 3, 1], middle)).toBe(2);
    expect(Array.from(middle)).toEqual([1, 1, 0]);
    const tall = new Uint8Array(6).fill(5);
    expect(rleDecodeBoxColumnMajor([1, 6, 2], 3, 3, [1, 0, 2, 3], tall)).toBe(4);
    expect(Array.from(tall)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(rleDecodeBoxColumnMajor([0, 3], 0, 3, [0, 0, 0, 0], new Uint8Array(0))).toBe(0);
    expect(rleDecodeBoxColumnMajor([], 2, 2, [0, 0, 2, 2], square)).toBe(0);
    expect(Array.from(square)).toEqual([0, 0, 0, 0]);
  });

  it("rejects the same bad boxes column-major, writing nothing", () => {
    const out = new Uint8Array(12).fill(2);
    for (const box of [[-1, 0, 1, 1], [0, -1, 1, 1], [0, 0, -1, 1], [0, 0, 1, -1], [2, 0, 2, 1], [0, 3, 1, 2], [0.5, 0, 1, 1], [0, 0, 1.5, 2], [0.5, 0, 1.5, 1], [0, 0.25, 1, 1.75]] as Box[]) {
      expect(rleDecodeBoxColumnMajor([1, 11], 4, 3, box, out), box.join(",")).toBe(-1);
    }
    expect(rleDecodeBoxColumnMajor([1, 11], 4, 3, [0, 0, 3, 4], out.subarray(0, 11))).toBe(-1);
    expect(Array.from(out)).toEqual(new Array(12).fill(2));
    expect(rleDecodeBoxColumnMajor([1, 11], 4, 3, [0, 0, 3, 4], out)).toBe(11);
    expect(Array.from(out)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // A box that does not hold the mask counts only its own 1s.
    const corner = new Uint8Array(1);
    expect(rleDecodeBoxColumnMajor([1, 11], 4, 3, [0, 0, 1, 1], corner)).toBe(0);
    expect(rleDecodeBoxColumnMajor([1, 11], 4, 3, [2, 3, 1, 1], corner)).toBe(1);
  });

  it("fills a full-width box of a mask whose rows all run to the right edge", () => {
    // 4 rows × 3 columns, all 1s but pixel (0, 0): counts [1 zero, 11 ones].
    const out = new Uint8Array(9).fill(3);
    expect(rleDecodeBox([1, 11], 4, 3, [0, 1, 3, 3], out)).toBe(9);
    expect(Array.from(out)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const top = new Uint8Array(6);
    expect(rleDecodeBox([1, 11], 4, 3, [0, 0, 3, 2], top)).toBe(5);
    expect(Array.from(top)).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it("rejects boxes outside the image, of fractional pixels or bigger than the buffer", () => {
    const out = new Uint8Array(12).fill(2);
    for (const box of [[-1, 0, 1, 1], [0, -1, 1, 1], [0, 0, -1, 1], [0, 0, 1, -1], [2, 0, 2, 1], [0, 3, 1, 2], [0.5, 0, 1, 1], [0, 0, 1.5, 2]] as Box[]) {
      expect(rleDecodeBox([1, 11], 4, 3, box, out), box.join(",")).toBe(-1);
    }
    expect(rleDecodeBox([1, 11], 4, 3, [0, 0, 3, 4], out.subarray(0, 11))).toBe(-1);
    expect(Array.from(out)).toEqual(new Array(12).fill(2));
    expect(rleDecodeBox([1, 11], 4, 3, [0, 0, 3, 4], out)).toBe(11); // the whole image fits exactly
    expect(rleDecodeBox([1, 11], 4, 3, [2, 3, 1, 1], out)).toBe(1);
    // Whole pixels each: fractional sides whose sum is whole are no box either.
    const spare = new Uint8Array(4).fill(2);
    expect(rleDecodeBox([1, 11], 4, 3, [0.5, 0, 1.5, 1], spare)).toBe(-1);
    expect(rleDecodeBox([1, 11], 4, 3, [0, 0.25, 1, 1.75], spare)).toBe(-1);
    expect(rleDecodeBox([1, 11], 4, 3, [0.5, 0.5, 1, 1], spare)).toBe(-1);
    expect(Array.from(spare)).toEqual([2, 2, 2, 2]);
    expect(() => rleDecodeInto([1, 11], 4, 3, new Uint8Array(11))).toThrow(
      new RangeError("rleDecodeInto: buffer holds 11 bytes, mask needs 12"),
    );
    expect(Array.from(rleDecodeInto([1, 11], 4, 3, new Uint8Array(12)))).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("decoding, against the reference", () => {
  const sizes: [number, number][] = [[1, 1], [1, 7], [7, 1], [2, 2], [3, 5], [5, 3], [8, 8], [13, 29], [31, 17], [40, 64]];

  it.each(sizes)("noise, blobs, stripes and checkerboards at %ix%i", (h, w) => {
    const random = mulberry32(h * 131 + w);
    const masks: [string, Uint8Array][] = [
      ["empty", new Uint8Array(h * w)],
      ["full", new Uint8Array(h * w).fill(1)],
      ["checkerboard", pattern(h, w, (x, y) => (x + y) % 2 === 0)],
      ["rows", pattern(h, w, (_, y) => y % 3 === 1)],
      ["columns", pattern(h, w, (x) => x % 3 !== 1)],
      ["gap of empty columns", pattern(h, w, (x, y) => (x < w / 4 || x >= (3 * w) / 4) && y >= h / 3)],
      ["staircase", pattern(h, w, (x, y) => y >= x % h && y < (x % h) + 2)],
      ["right edge", pattern(h, w, (x, y) => x >= w - 1 - (y % 3))],
      ["left edge", pattern(h, w, (x, y) => x <= y % 3)],
    ];
    for (const d of [0.1, 0.5, 0.9]) masks.push([`noise ${d}`, noise(h, w, random, d)]);
    for (const n of [1, 2, 4]) masks.push([`${n} blobs`, blobs(h, w, random, n)]);
    for (const [what, mask] of masks) {
      const counts = referenceCounts(mask, h, w);
      checkAll(counts, h, w, boxesFor(h, w, random), what);
    }
  });

  it.each(sizes)("counts with zero runs, stopping short or running past the area at %ix%i", (h, w) => {
    const random = mulberry32(h * 977 + w);
    for (let k = 0; k < 6; k++) {
      const canonical = referenceCounts(blobs(h, w, random, 1 + k), h, w);
      // Zero-length runs of either value in the middle; leading zeros and ones.
      const withZeros: number[] = [];
      for (const c of canonical) {
        withZeros.push(c);
        if (random() < 0.3) withZeros.push(0, 0);
      }
      checkAll(withZeros, h, w, boxesFor(h, w, random), `blob ${k} with zero runs`);
      const short = canonical.slice(0, Math.floor(random() * canonical.length));
      checkAll(short, h, w, boxesFor(h, w, random), `blob ${k} cut short`);
      checkAll([...canonical.slice(0, -1), canonical.at(-1)! + 5, 3, 4], h, w, boxesFor(h, w, random), `blob ${k} overrun`);
      checkAll([...canonical.slice(0, -1), 1_000_000, 7], h, w, boxesFor(h, w, random), `blob ${k} huge last run`);
    }
  });

  it("decodes the same way after a decode of a larger mask left its scratch behind", () => {
    const random = mulberry32(5);
    const big = referenceCounts(noise(60, 50, random, 0.5), 60, 50);
    const small = referenceCounts(blobs(9, 11, random, 3), 9, 11);
    const want = referenceRows(small, 9, 11);
    rleDecode(big, 60, 50);
    expect(firstDifference(rleDecode(small, 9, 11), want)).toBe(-1);
    const out = new Uint8Array(99);
    rleDecodeBox(big, 60, 50, [3, 4, 20, 30], new Uint8Array(600));
    expect(rleDecodeBox(small, 9, 11, [0, 0, 11, 9], out)).toBe(ones(want));
    expect(firstDifference(out, want)).toBe(-1);
    rleDecodeBoxColumnMajor(big, 60, 50, [3, 4, 20, 30], new Uint8Array(600));
    expect(rleDecodeBoxColumnMajor(small, 9, 11, [0, 0, 11, 9], out)).toBe(ones(want));
    expect(firstDifference(out, toColumns(want, 11, 9))).toBe(-1);
  });
});
