import { describe, expect, it, vi } from "vitest";
import { rleEncode } from "./rleEncode";
import { mulberry32 } from "./sampling";
import { blobs, noise, pattern, referenceCounts } from "./testMasks";

/*
 * The encoder against counts read straight from the definition (SPEC section 2: column-major runs
 * alternating 0s and 1s, the first run of 0s possibly empty, [0] for an empty image), on masks
 * that reach its word skipping, its row comparison and the cancelling of runs across columns.
 */

const encoded = (mask: Uint8Array, h: number, w: number) => Array.from(rleEncode(mask, h, w));

describe("encoding, by hand", () => {
  it("encodes a 2×3 mask column by column", () => {
    // Rows y0 = 0 1 0, y1 = 1 1 0 → columns (0, 1), (1, 1), (0, 0) → 1 zero, 3 ones, 2 zeros.
    expect(encoded(Uint8Array.of(0, 1, 0, 1, 1, 0), 2, 3)).toEqual([1, 3, 2]);
    // A mask starting with a 1 has an empty first run; one ending in a 1 ends on its run.
    expect(encoded(Uint8Array.of(1, 0, 0, 1), 2, 2)).toEqual([0, 1, 2, 1]);
    expect(encoded(Uint8Array.of(1, 1, 1, 1), 2, 2)).toEqual([0, 4]);
    expect(encoded(Uint8Array.of(0, 0, 0, 0), 2, 2)).toEqual([4]);
  });

  it("joins a run of 1s that crosses from the bottom of a column to the top of the next", () => {
    // 3 rows × 2 columns: column 0 = (0, 0, 1), column 1 = (1, 1, 0).
    expect(encoded(Uint8Array.of(0, 1, 0, 1, 1, 0), 3, 2)).toEqual([2, 3, 1]);
    // Full columns 1 and 2 of a 4-wide mask of 2 rows: one run of 4.
    expect(encoded(Uint8Array.of(0, 1, 1, 0, 0, 1, 1, 0), 2, 4)).toEqual([2, 4, 2]);
  });

  it("encodes an empty image as [0], and refuses a mask shorter than its area", () => {
    expect(encoded(new Uint8Array(0), 0, 5)).toEqual([0]);
    expect(encoded(new Uint8Array(3), 3, 0)).toEqual([0]);
    expect(() => rleEncode(new Uint8Array(5), 2, 3)).toThrow(new RangeError("rleEncode: mask holds 5 bytes, 2x3 needs 6"));
    // Bytes past the area are not part of the mask.
    expect(encoded(Uint8Array.of(0, 0, 0, 0, 1, 1), 2, 2)).toEqual([4]);
  });

  it("reads any nonzero byte as 1, in words of 4 or not", () => {
    expect(encoded(Uint8Array.of(0, 255, 3, 0), 2, 2)).toEqual([1, 2, 1]);
    // Rows of 8: two aligned words each; 255s and 1s mixed inside a word.
    const m = new Uint8Array(16);
    m.set([255, 255, 255, 255, 1, 1, 1, 1], 0);
    m.set([1, 1, 255, 1, 0, 0, 0, 0], 8);
    // Columns 0–3 are (1, 1), columns 4–7 (1, 0).
    expect(encoded(m, 2, 8)).toEqual([0, 9, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("the encoder's scratch buffers", () => {
  /** The encoder of a fresh module: its scratch buffers at their first size. */
  async function freshEncoder(): Promise<typeof rleEncode> {
    vi.resetModules();
    return (await import("./rleEncode")).rleEncode;
  }

  it("hold a row boundary at every pixel and at the end of every row", async () => {
    // 64 rows of 1 0 1 … 1 (33 columns): 34 boundaries a row, area + height in all.
    const encode = await freshEncoder();
    const mask = pattern(64, 33, (x) => x % 2 === 0);
    expect(Array.from(encode(mask, 64, 33))).toEqual(referenceCounts(mask, 64, 33));
  });

  it("hold a column change at every pixel and at the bottom of every column", async () => {
    // 65 rows alternating 1, 0, …, 1 in 33 columns: 66 changes a column, area + width in all.
    const encode = await freshEncoder();
    const mask = pattern(65, 33, (_, y) => y % 2 === 0);
    expect(Array.from(encode(mask, 65, 33))).toEqual(referenceCounts(mask, 65, 33));
  });

  it("hold a count for every column of a very wide mask", async () => {
    const encode = await freshEncoder();
    const mask = pattern(1, 3001, (x) => x % 2 === 1);
    expect(Array.from(encode(mask, 1, 3001))).toEqual(new Array<number>(3001).fill(1));
  });

  it("do not let a previous mask's changes into the next one's counts", async () => {
    const encode = await freshEncoder();
    // 1×3 (1, 1, 0) leaves changes at positions 0, 1, 1, 2; then 1×2 (1, 0) has changes at 0 and 1 only.
    expect(Array.from(encode(Uint8Array.of(1, 1, 0), 1, 3))).toEqual([0, 2, 1]);
    expect(Array.from(encode(Uint8Array.of(1, 0), 1, 2))).toEqual([0, 1, 1]);
  });
});

describe("encoding, against the reference", () => {
  const sizes: [number, number][] = [[1, 1], [1, 4], [1, 9], [9, 1], [2, 2], [3, 5], [4, 4], [5, 3], [8, 8], [13, 29], [31, 17], [40, 64], [60, 50]];

  it.each(sizes)("noise, blobs, stripes and edges at %ix%i", (h, w) => {
    const random = mulberry32(h * 313 + w);
    const masks: [string, Uint8Array][] = [
      ["empty", new Uint8Array(h * w)],
      ["full", new Uint8Array(h * w).fill(1)],
      ["checkerboard", pattern(h, w, (x, y) => (x + y) % 2 === 0)],
      ["rows", pattern(h, w, (_, y) => y % 3 === 1)],
      ["columns", pattern(h, w, (x) => x % 3 !== 1)],
      ["right edge", pattern(h, w, (x, y) => x >= w - 1 - (y % 3))],
      ["left edge", pattern(h, w, (x, y) => x <= y % 3)],
      ["last pixel", pattern(h, w, (x, y) => x === w - 1 && y === h - 1)],
      ["first pixel", pattern(h, w, (x, y) => x === 0 && y === 0)],
      ["bottom row", pattern(h, w, (_, y) => y === h - 1)],
      ["words of 1s", pattern(h, w, (x, y) => (x >> 2) % 2 === y % 2)],
    ];
    for (const d of [0.05, 0.5, 0.95]) masks.push([`noise ${d}`, noise(h, w, random, d)]);
    for (const n of [1, 3]) masks.push([`${n} blobs`, blobs(h, w, random, n)]);
    for (const [what, mask] of masks) {
      const want = referenceCounts(mask, h, w);
      expect(encoded(mask, h, w), what).toEqual(want);
      expect(encoded(mask.map((v) => v * 255), h, w), `${what}, 255 for 1`).toEqual(want);
      // The same bytes at an offset that is not a multiple of 4, after stray 1s.
      for (const offset of [1, 3]) {
        const backing = new Uint8Array(h * w + offset + 4).fill(1);
        backing.set(mask, offset);
        expect(encoded(backing.subarray(offset, offset + h * w), h, w), `${what}, offset ${offset}`).toEqual(want);
      }
    }
  });

  it("encodes a small mask correctly after a larger one grew its scratch", () => {
    const random = mulberry32(11);
    const big = noise(70, 90, random, 0.5);
    expect(encoded(big, 70, 90)).toEqual(referenceCounts(big, 70, 90));
    const small = blobs(7, 9, random, 2);
    expect(encoded(small, 7, 9)).toEqual(referenceCounts(small, 7, 9));
    const tall = pattern(3001, 1, (_, y) => y % 2 === 1);
    expect(encoded(tall, 3001, 1)).toEqual(new Array<number>(3001).fill(1)); // every pixel its own run
  });
});
