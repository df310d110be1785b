// eslint-disable-next-line no-restricted-imports -- tests run in Node; the codec itself stays pure
import { readFileSync } from "node:fs";
import { mulberry32 } from "./sampling";
import { describe, expect, it } from "vitest";
import {
  polygonsToRle,
  rleArea,
  rleBbox,
  rleDecode,
  rleDecodeBox,
  rleDecodeBoxColumnMajor,
  rleDecodeColumnMajor,
  rleDecodeInto,
  rleEncode,
  rleFromString,
  rleIou,
  rleMerge,
  rleToString,
  segmentationToRle,
} from "./rle";
import { blobs, firstDifference, noise, referenceCounts, referenceRows, toColumns } from "./testMasks";

interface Vector {
  kind: string;
  size: [number, number];
  counts: string;
  uncompressed?: number[];
  polygon?: number[];
  area: number;
  bbox: [number, number, number, number];
}

// Produced by pycocotools (the reference implementation); see SPEC section 2.
const vectors = JSON.parse(
  readFileSync(new URL("../../../shared/fixtures/rle-vectors.json", import.meta.url), "utf8"),
) as Vector[];
const rleVectors = vectors.filter((v) => v.uncompressed);
const polygonVectors = vectors.filter((v) => v.polygon);

/** Test name with the case's index in the fixture file, so a failure points at its line. */
const name = (v: Vector) => `#${vectors.indexOf(v)} ${v.kind} ${v.size[0]}x${v.size[1]}`;

/** Deterministic PRNG so runs are comparable and failures replayable. */
const rng = mulberry32;

describe("fixture vectors from pycocotools", () => {
  it("has the 82 cases the spec promises", () => {
    expect(vectors).toHaveLength(82);
    expect(polygonVectors).toHaveLength(27);
    expect(rleVectors).toHaveLength(55);
  });

  it.each(rleVectors.map((v) => [name(v), v] as const))("%s: string ↔ counts", (_, v) => {
    expect(firstDifference(rleFromString(v.counts), v.uncompressed!)).toBe(-1);
    expect(rleToString(v.uncompressed!)).toBe(v.counts);
  });

  it.each(rleVectors.map((v) => [name(v), v] as const))("%s: area, bbox, decode, encode", (_, v) => {
    const [h, w] = v.size;
    const counts = v.uncompressed!;
    expect(rleArea(counts)).toBe(v.area);
    expect(rleBbox(counts, h, w)).toEqual(v.bbox);
    const mask = rleDecode(counts, h, w);
    expect(firstDifference(mask, referenceRows(counts, h, w))).toBe(-1);
    expect(firstDifference(rleEncode(mask, h, w), counts)).toBe(-1);
  });

  it.each(polygonVectors.map((v) => [name(v), v] as const))("%s: polygon rasterisation", (_, v) => {
    const [h, w] = v.size;
    const counts = polygonsToRle([v.polygon!], h, w);
    expect(rleToString(counts)).toBe(v.counts);
    expect(rleArea(counts)).toBe(v.area);
    expect(rleBbox(counts, h, w)).toEqual(v.bbox);
  });

  it("reads every segmentation form", () => {
    const v = rleVectors.find((x) => x.kind === "blobs" && x.size[0] === 480)!;
    const [h, w] = v.size;
    expect(Array.from(segmentationToRle({ size: v.size, counts: v.counts }, h, w))).toEqual(v.uncompressed);
    expect(Array.from(segmentationToRle({ size: v.size, counts: v.uncompressed! }, h, w))).toEqual(v.uncompressed);
    const p = polygonVectors[0]!;
    expect(rleToString(segmentationToRle([p.polygon!], p.size[0], p.size[1]))).toBe(p.counts);
  });

  it("returns RLE counts as stored even when their size is not the image's", () => {
    expect(Array.from(segmentationToRle({ size: [2, 2], counts: "013" }, 10, 10))).toEqual([0, 1, 3]);
  });
});

describe("row-major decoding", () => {
  it("puts pixel (x, y) at y * width + x", () => {
    // 2 rows × 3 columns; column-major runs: col 0 = [0, 1], col 1 = [1, 1], col 2 = [0, 0].
    // counts: 0 (one 0), then 1 (one 1), then 0,0 as... spelled out: [1 zero, 3 ones, 2 zeros].
    const counts = [1, 3, 2];
    // Column-major pixels: 0 1 | 1 1 | 0 0  →  rows: y0 = [0, 1, 0], y1 = [1, 1, 0].
    expect(Array.from(rleDecode(counts, 2, 3))).toEqual([0, 1, 0, 1, 1, 0]);
    expect(Array.from(rleDecodeColumnMajor(counts, 2, 3))).toEqual([0, 1, 1, 1, 0, 0]);
    expect(Array.from(rleEncode(Uint8Array.of(0, 1, 0, 1, 1, 0), 2, 3))).toEqual(counts);
  });

  it("decodes into a caller's buffer, clearing what was there", () => {
    const out = new Uint8Array(8).fill(7);
    rleDecodeInto([1, 3, 2], 2, 3, out);
    expect(Array.from(out)).toEqual([0, 1, 0, 1, 1, 0, 7, 7]);
    expect(() => rleDecodeInto([6], 2, 3, new Uint8Array(5))).toThrow(RangeError);
  });

  it("tolerates counts that fall short of or overrun the area", () => {
    expect(rleDecode([1, 2], 2, 3)).toEqual(referenceRows([1, 2], 2, 3));
    expect(Array.from(rleDecode([1, 2, 1, 9], 2, 3))).toEqual([0, 1, 1, 1, 0, 1]);
  });

  it("handles runs of length zero in the middle of counts", () => {
    expect(rleDecode([1, 1, 0, 2, 2], 2, 3)).toEqual(referenceRows([1, 1, 0, 2, 2], 2, 3));
  });
});

describe("decoding into a box", () => {
  /** The box's pixels of the reference decode, row-major over the box (clipped to the image). */
  function crop(full: Uint8Array, h: number, w: number, [bx, by, bw, bh]: [number, number, number, number]): Uint8Array {
    const x0 = Math.max(0, bx);
    const y0 = Math.max(0, by);
    const cw = Math.max(0, Math.min(w - x0, bw));
    const ch = Math.max(0, Math.min(h - y0, bh));
    const out = new Uint8Array(cw * ch);
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) out[y * cw + x] = full[(y + y0) * w + x + x0]!;
    return out;
  }

  it("gives the box's pixels of every fixture mask, for its own box, the frame and boxes cutting it", () => {
    let cases = 0;
    for (const v of vectors) {
      const [h, w] = v.size;
      const counts = rleFromString(v.counts);
      // The reference: the column-major decoder (one fill per run, no shared code) read row by row.
      const cols = rleDecodeColumnMajor(counts, h, w);
      const full = new Uint8Array(h * w);
      for (let x = 0; x < w; x++) for (let y = 0; y < h; y++) full[y * w + x] = cols[x * h + y]!;
      const [mx, my, mw, mh] = v.bbox.map(Math.round) as [number, number, number, number];
      const boxes: [number, number, number, number][] = [
        [0, 0, w, h],
        [mx, my, mw, mh],
        [Math.floor(w / 3), Math.floor(h / 4), Math.ceil(w / 2), Math.ceil(h / 3)],
        [0, Math.floor(h / 2), w, h - Math.floor(h / 2)], // full rows, to the bottom
        [Math.floor(w / 2), 0, w - Math.floor(w / 2), 1],
      ];
      for (const box of boxes) {
        const want = crop(full, h, w, box);
        const out = new Uint8Array(want.length).fill(5);
        const ones = rleDecodeBox(counts, h, w, box, out);
        const differs = want.findIndex((b, j) => out[j] !== b);
        expect(differs, `${name(v)} box ${box.join(",")}: first differing byte`).toBe(-1);
        expect(ones).toBe(want.reduce((a, b) => a + b, 0));
        // Column-major over the box (what the canvas keeps): the same pixels, transposed.
        const [, , bw, bh] = box;
        const cols = new Uint8Array(want.length).fill(5);
        expect(rleDecodeBoxColumnMajor(counts, h, w, box, cols)).toBe(ones);
        expect(firstDifference(cols, toColumns(want, bw, bh)), `${name(v)} column-major box ${box.join(",")}: first differing byte`).toBe(-1);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(20);
  });

  it("writes nothing for an empty box, a box outside the image or of fractional pixels, or a short buffer", () => {
    expect(rleDecodeBox([1, 3, 2], 2, 3, [0, 0, 0, 2], new Uint8Array(0))).toBe(0);
    const out = new Uint8Array(6).fill(7);
    expect(rleDecodeBox([1, 3, 2], 2, 3, [2, 0, 2, 2], out)).toBe(-1);
    expect(rleDecodeBox([1, 3, 2], 2, 3, [0, -1, 1, 1], out)).toBe(-1);
    expect(rleDecodeBox([1, 3, 2], 2, 3, [0, 0.5, 1, 1], out)).toBe(-1);
    expect(rleDecodeBox([1, 3, 2], 2, 3, [0, 0, 3, 2], out.subarray(0, 5))).toBe(-1);
    expect(Array.from(out)).toEqual([7, 7, 7, 7, 7, 7]); // nothing written
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [0, 0, 0, 2], new Uint8Array(0))).toBe(0);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [2, 0, 2, 2], out)).toBe(-1);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [0, -1, 1, 1], out)).toBe(-1);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [0, 0.5, 1, 1], out)).toBe(-1);
    expect(rleDecodeBoxColumnMajor([1, 3, 2], 2, 3, [0, 0, 3, 2], out.subarray(0, 5))).toBe(-1);
    expect(Array.from(out)).toEqual([7, 7, 7, 7, 7, 7]);
  });
});

describe("round trips", () => {
  const sizes: [number, number][] = [
    [1, 1], [1, 9], [9, 1], [1, 640], [480, 1], [2, 2], [7, 13], [31, 33], [120, 160], [480, 640],
  ];

  function check(mask: Uint8Array, h: number, w: number) {
    const counts = rleEncode(mask, h, w);
    expect(firstDifference(counts, referenceCounts(mask, h, w))).toBe(-1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(h * w);
    expect(firstDifference(rleDecode(counts, h, w), mask)).toBe(-1);
    expect(firstDifference(rleFromString(rleToString(counts)), counts)).toBe(-1);
    expect(rleArea(counts)).toBe(mask.reduce((a, b) => a + b, 0));
  }

  it.each(sizes)("empty, full and single-pixel masks at %ix%i", (h, w) => {
    check(new Uint8Array(h * w), h, w);
    check(new Uint8Array(h * w).fill(1), h, w);
    const random = rng(h * 1000 + w);
    for (let k = 0; k < 5; k++) {
      const m = new Uint8Array(h * w);
      m[Math.floor(random() * h * w)] = 1;
      check(m, h, w);
    }
  });

  it.each(sizes)("random blobs and noise at %ix%i", (h, w) => {
    const random = rng(h * 7919 + w);
    for (let k = 0; k < 4; k++) check(blobs(h, w, random, 1 + k, 1, 0.4), h, w);
    for (const density of [0.05, 0.5, 0.95]) check(noise(h, w, random, density), h, w);
  });

  it("encodes masks that start at an odd byte offset or use 255 for 1", () => {
    const [h, w] = [37, 53];
    const mask = blobs(h, w, rng(7), 3, 1, 0.4);
    const backing = new Uint8Array(h * w + 3);
    backing.set(mask, 3);
    const shifted = backing.subarray(3);
    expect(firstDifference(rleEncode(shifted, h, w), referenceCounts(mask, h, w))).toBe(-1);
    expect(firstDifference(rleEncode(mask.map((v) => v * 255), h, w), referenceCounts(mask, h, w))).toBe(-1);
  });

  it("treats any nonzero byte as 1", () => {
    expect(Array.from(rleEncode(Uint8Array.of(0, 255, 3, 0), 2, 2))).toEqual(Array.from(rleEncode(Uint8Array.of(0, 1, 1, 0), 2, 2)));
  });

  it("keeps large counts and deltas through the string form", () => {
    const counts = Uint32Array.of(0, 5_000_000, 3, 900_000_000, 1, 4_000_000_000, 2);
    expect(rleFromString(rleToString(counts))).toEqual(counts);
  });

  it("encodes an empty image as [0], like the reference", () => {
    expect(Array.from(rleEncode(new Uint8Array(0), 0, 5))).toEqual([0]);
  });
});

describe("bbox, merge and polygons", () => {
  it("gives zeros for an empty mask", () => {
    expect(rleBbox([12], 3, 4)).toEqual([0, 0, 0, 0]);
    expect(rleBbox([], 3, 4)).toEqual([0, 0, 0, 0]);
  });

  it("widens y to the full height when a run crosses a column, as the reference does", () => {
    // 4×3 image: the run of 1s covers rows 3 of column 0 and 0 of column 1.
    expect(rleBbox([3, 2, 7], 4, 3)).toEqual([0, 0, 2, 4]);
  });

  it("unions and intersects masks", () => {
    const random = rng(42);
    const [h, w] = [40, 50];
    const a = blobs(h, w, random, 2, 1, 0.4);
    const b = blobs(h, w, random, 2, 1, 0.4);
    const ra = rleEncode(a, h, w);
    const rb = rleEncode(b, h, w);
    const union = a.map((v, i) => v | b[i]!);
    const inter = a.map((v, i) => v & b[i]!);
    expect(rleMerge([ra, rb])).toEqual(rleEncode(union, h, w));
    expect(rleMerge([ra, rb], true)).toEqual(rleEncode(inter, h, w));
    const iou = inter.reduce((s, v) => s + v, 0) / union.reduce((s, v) => s + v, 0);
    expect(rleIou(ra, rb)).toBeCloseTo(iou, 12);
    expect(rleMerge([])).toHaveLength(0);
  });

  it("merges several polygons by union", () => {
    const [h, w] = [60, 80];
    const p1 = [5, 5, 30, 5, 30, 30, 5, 30];
    const p2 = [20, 20, 70, 22, 50, 55];
    const union = rleMerge([polygonsToRle([p1], h, w), polygonsToRle([p2], h, w)]);
    expect(polygonsToRle([p1, p2], h, w)).toEqual(union);
    const m1 = rleDecode(polygonsToRle([p1], h, w), h, w);
    const m2 = rleDecode(polygonsToRle([p2], h, w), h, w);
    expect(rleDecode(union, h, w)).toEqual(m1.map((v, i) => v | m2[i]!));
  });

  it("rasterises a pixel-aligned square to the pixels it covers", () => {
    // The reference fills pixel centres inside [x0, x1) × [y0, y1) for a square on integer corners.
    const counts = polygonsToRle([[2, 1, 5, 1, 5, 4, 2, 4]], 6, 7);
    expect(rleArea(counts)).toBe(9);
    expect(rleBbox(counts, 6, 7)).toEqual([2, 1, 3, 3]);
  });

  it("reads a first entry of 4 numbers as a box, as pycocotools frPyObjects does", () => {
    expect(polygonsToRle([[1, 1, 3, 2]], 6, 7)).toEqual(polygonsToRle([[1, 1, 1, 3, 4, 3, 4, 1]], 6, 7));
  });

  it("gives an empty mask for no polygons", () => {
    expect(Array.from(polygonsToRle([], 4, 5))).toEqual([20]);
  });
});
