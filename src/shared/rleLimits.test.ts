import { afterEach, describe, expect, it } from "vitest";
import {
  RleError,
  checkCounts,
  checkSides,
  defaultRleLimits,
  polygonToRle,
  polygonsToRle,
  rleArea,
  rleDecode,
  rleDecodeColumnMajor,
  rleDecodeInto,
  rleFromString,
  rleIntersectionArea,
  rleIou,
  rleLimits,
  rleMerge,
  segmentationToRle,
  setRleLimits,
  withRleBudget,
} from "./rle";
import { chargeRleWork, tryChargeOverlap } from "./rleLimits";
import { sortUint32 } from "./rlePolygon";
import { mulberry32 } from "./sampling";

/* The codec's limits (rleLimits.ts): hostile sizes and counts are refused before any work. */

afterEach(() => {
  setRleLimits(defaultRleLimits);
});

/** Column-major 0/1 pixels of counts, the slow obvious way (the expectation for set operations). */
function pixels(counts: readonly number[]): number[] {
  const out: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) out.push(i % 2);
  });
  return out;
}

/** Counts as pycocotools writes them: only the first run may be empty, unless `zeros`. */
function randomCounts(random: () => number, area: number, zeros = false): number[] {
  const counts: number[] = [];
  let left = area;
  while (left > 0) {
    const c = Math.min(left, Math.floor(random() * 7) + (zeros || counts.length === 0 ? 0 : 1));
    counts.push(c);
    left -= c;
  }
  return counts;
}

describe("sides", () => {
  it("refuses a side over 2^15 everywhere a size enters the codec, with one RleError", () => {
    const big = 32769;
    expect(defaultRleLimits.maxSide).toBe(32768);
    const calls: (() => unknown)[] = [
      () => polygonToRle([0, 0, 1, 0, 1, 1], big, 10),
      () => polygonsToRle([[0, 0, 1, 0, 1, 1]], 10, big),
      () => segmentationToRle({ size: [big, 1], counts: [big] }, big, 1),
      () => rleDecode([big], big, 1),
      () => rleDecodeInto([big], 1, big, new Uint8Array(big)),
      () => rleDecodeColumnMajor([big], big, 1),
    ];
    for (const call of calls) {
      expect(call).toThrow(RleError);
      expect(call).toThrow(/exceeds the limit of 32768 pixels per side/);
    }
    // 2^15 itself is allowed (a 1 × 32768 strip decodes).
    expect(rleDecode([32768], 1, 32768)).toHaveLength(32768);
  });

  it("refuses negative, fractional and non-numeric sides", () => {
    for (const side of [-1, 1.5, Number.NaN]) expect(() => rleDecode([0], side, 1)).toThrow(RleError);
  });

  it("follows a configured limit and rejects a nonsense one", () => {
    setRleLimits({ maxSide: 100 });
    expect(() => rleDecode([101], 1, 101)).toThrow(/limit of 100/);
    expect(rleLimits().maxSide).toBe(100);
    expect(() => setRleLimits({ maxSide: 0 })).toThrow(RangeError);
    expect(() => setRleLimits({ maxSide: 2.5 })).toThrow(RangeError);
  });
});

describe("counts", () => {
  it("must be non-negative integers adding up to h*w", () => {
    expect(() => checkCounts([2, 4], 2, 3)).not.toThrow();
    expect(() => checkCounts([2, 3], 2, 3)).toThrow(/add up to 5, not 2×3 = 6/);
    expect(() => checkCounts([2, 5], 2, 3)).toThrow(/more than 6/);
    expect(() => checkCounts([2, -1, 5], 2, 3)).toThrow(/count 1 \(-1\)/);
    expect(() => checkCounts([2, 1.5, 2.5], 2, 3)).toThrow(RleError);
    expect(() => checkCounts([], 0, 0)).not.toThrow();
  });

  it("refuses uncompressed counts that are no uint32", () => {
    expect(() => segmentationToRle({ size: [2, 3], counts: [1, -5, 10] }, 2, 3)).toThrow(/count 1 \(-5\)/);
    expect(() => segmentationToRle({ size: [2, 3], counts: [1, 2 ** 32] }, 2, 3)).toThrow(RleError);
    expect(Array.from(segmentationToRle({ size: [2, 3], counts: [1, 5] }, 2, 3))).toEqual([1, 5]);
  });
});

describe("merges", () => {
  it("refuse masks of different sizes instead of looping (the count-wrap hang)", () => {
    // Before the fix, masks whose totals differed made the merge loop forever.
    expect(() => rleMerge([[0, 6], [0, 5]])).toThrow(/6 and 5 pixels/);
    expect(() => rleMerge([[3, 3], [7]], true)).toThrow(RleError);
    expect(() => rleIou([0, 6], [2, 2])).toThrow(RleError);
    expect(() => rleIou([0, 6], [2, 2])).toThrow("cannot compare masks of 6 and 4 pixels");
    expect(() => rleMerge([[1, -1, 6]])).toThrow(RleError); // even a single mask is checked
    expect(() => rleMerge([[1, 5], [1, -1, 6]])).toThrow(/count 1 \(-1\)/);
  });

  it("IoU of two empty masks is 0, of a mask with itself 1", () => {
    expect(rleIou([6], [6])).toBe(0);
    expect(rleIou([1, 2, 3], [1, 2, 3])).toBe(1);
    // [0 1 1 0 0 0] vs [0 0 1 1 0 0]: 1 shared of 3.
    expect(rleIou([1, 2, 3], [2, 2, 2])).toBeCloseTo(1 / 3, 12);
  });

  it("intersection area equals the pixel-by-pixel count", () => {
    const random = mulberry32(7);
    for (let round = 0; round < 200; round++) {
      const area = 1 + Math.floor(random() * 60);
      const a = randomCounts(random, area);
      const b = randomCounts(random, area);
      const pa = pixels(a);
      const pb = pixels(b);
      const expected = pa.filter((v, i) => v === 1 && pb[i] === 1).length;
      expect(rleIntersectionArea(a, b)).toBe(expected);
      expect(rleArea(rleMerge([a, b], true))).toBe(expected);
      expect(rleArea(rleMerge([a, b]))).toBe(pa.filter((v, i) => v === 1 || pb[i] === 1).length);
    }
  });

  it("intersection area stays pixel-exact with empty runs mid-list (where the reference merge is not)", () => {
    const random = mulberry32(11);
    for (let round = 0; round < 200; round++) {
      const area = 1 + Math.floor(random() * 60);
      const a = randomCounts(random, area, true);
      const b = randomCounts(random, area, true);
      const pb = pixels(b);
      expect(rleIntersectionArea(a, b)).toBe(pixels(a).filter((v, i) => v === 1 && pb[i] === 1).length);
    }
    // [0 0 0 | 1 1 1] ∩ [1 1 1 1 1 1] with an empty run inside the second: 3 shared pixels.
    expect(rleIntersectionArea([3, 3], [0, 2, 0, 4])).toBe(3);
  });
});

describe("polygons", () => {
  it("finish the 486-byte hostile file's coordinate fast: clipped to the margin, same pixels", () => {
    // One coordinate of 4e7 made the reference walk 2e8 outline steps (71 s, 3.2 GB).
    const huge = polygonToRle([0, 0, 4e7, 0, 4e7, 10, 0, 10], 480, 640);
    // Clipping to max(h, w) = 640 beyond the right edge gives the polygon ending at x = 1280,
    // which lies within the margin and is rasterised as the reference does.
    const clipped = polygonToRle([0, 0, 1280, 0, 1280, 10, 0, 10], 480, 640);
    expect(Array.from(huge)).toEqual(Array.from(clipped));
    // The in-image part is the box 0..640 × 0..10: all 640 columns, rows 0–9.
    expect(rleArea(huge)).toBe(640 * 10);
  });

  it("clips far points on every side", () => {
    const inside = polygonToRle([-20, -20, 20, -20, 20, 20, -20, 20], 10, 10);
    const far = polygonToRle([-1e9, -1e9, 20, -1e9, 20, 20, -1e9, 20], 10, 10);
    expect(rleArea(far)).toBe(rleArea(inside));
    expect(rleArea(inside)).toBe(100); // covers the whole 10×10 image
  });

  it("refuses non-finite coordinates, too many points and too many polygons", () => {
    expect(() => polygonToRle([0, 0, Infinity, 0, 1, 1], 10, 10)).toThrow(/not a finite number/);
    expect(() => polygonToRle([0, 0, Number.NaN, 0, 1, 1], 10, 10)).toThrow(RleError);
    setRleLimits({ maxPointsPerPolygon: 3, maxPolygonsPerMask: 2 });
    expect(() => polygonToRle([0, 0, 1, 0, 1, 1], 10, 10)).not.toThrow();
    expect(() => polygonToRle([0, 0, 1, 0, 1, 1, 0, 1], 10, 10)).toThrow(/4 points exceeds the limit of 3/);
    const tri = [0, 0, 1, 0, 1, 1];
    expect(() => polygonsToRle([tri, tri], 10, 10)).not.toThrow();
    expect(() => polygonsToRle([tri, tri, tri], 10, 10)).toThrow(/3 polygons exceeds the limit of 2/);
  });

  it("charge their outline to the record's budget; past it every mask is refused at once", () => {
    // A 100×100 square walks 4 edges of 500 steps (+1 each) on the 5× grid: 2004 steps.
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    withRleBudget(() => {
      expect(() => polygonToRle(square, 200, 200)).not.toThrow();
      expect(() => polygonToRle(square, 200, 200)).toThrow(/needs 2004 outline steps, more than the 1996 left/);
    }, 4000);
    // Outside a record's budget one mask still may not exceed the whole budget.
    setRleLimits({ workPerRecord: 2000 });
    expect(() => polygonToRle(square, 200, 200)).toThrow(RleError);
  });

  it("restores the outer budget after a nested one", () => {
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    withRleBudget(() => {
      withRleBudget(() => polygonToRle(square, 200, 200), 3000);
      // The inner budget's spending did not count here.
      expect(() => polygonToRle(square, 200, 200)).not.toThrow();
    }, 2100);
  });

  it("an empty or fully clipped polygon is an empty mask", () => {
    expect(Array.from(polygonToRle([], 3, 4))).toEqual([12]);
    expect(Array.from(polygonToRle([1e9, 1e9, 2e9, 1e9, 2e9, 2e9], 3, 4))).toEqual([12]);
  });
});

describe("strings", () => {
  it("a string whose counts wrap is read (as the reference does) but does not add up", () => {
    // "0" then a negative delta: the reference's uint cast wraps; the totals check catches it.
    const counts = rleFromString("1j1");
    expect(() => checkCounts(counts, 2, 3)).toThrow(RleError);
  });
});

describe("sortUint32", () => {
  it("sorts long arrays as the numeric sort does", () => {
    const random = mulberry32(3);
    for (const n of [0, 1, 4095, 4096, 10_000]) {
      const values = Uint32Array.from({ length: n }, () => Math.floor(random() * 2 ** 32));
      const expected = Array.from(values).sort((p, q) => p - q);
      sortUint32(values);
      expect(Array.from(values)).toEqual(expected);
    }
  });
});

describe("limits and meters, exactly at their edges", () => {
  it("names its errors RleError and refuses limits below 1, naming the limit", () => {
    expect(new RleError("x").name).toBe("RleError");
    expect(() => setRleLimits({ maxSide: 0 })).toThrow(new RangeError("RLE limit maxSide must be a positive integer, got 0"));
    const before = setRleLimits({ maxSide: 1, maxPolygonsPerMask: undefined });
    try {
      expect(before.maxSide).toBe(1 << 15);
      expect(rleLimits()).toMatchObject({ maxSide: 1, maxPolygonsPerMask: before.maxPolygonsPerMask });
    } finally {
      setRleLimits(before);
    }
    expect(rleLimits().maxSide).toBe(1 << 15);
  });

  it("accepts zero-length runs and stops adding at the first count past the area", () => {
    expect(() => checkCounts([0, 4], 2, 2)).not.toThrow();
    expect(() => checkCounts([4, 0], 2, 2)).not.toThrow();
    expect(() => checkCounts([4, 1], 2, 2)).toThrow(new RleError("counts add up to more than 4, not 2×2 = 4"));
    expect(() => checkCounts([5, -1], 2, 2)).toThrow(new RleError("counts add up to more than 4, not 2×2 = 4"));
    expect(() => checkSides(-1, 2)).toThrow(new RleError("mask height -1 is not a non-negative integer"));
  });

  it("lets a record spend exactly its budget, and its overlap allowance exactly once", () => {
    expect(() => withRleBudget(() => chargeRleWork(10, "a polygon"), 10)).not.toThrow();
    const before = setRleLimits({ overlapWorkPerRecord: 10 });
    try {
      expect(withRleBudget(() => [tryChargeOverlap(10), tryChargeOverlap(1)])).toEqual([true, false]);
      expect(withRleBudget(() => [tryChargeOverlap(4), tryChargeOverlap(6), tryChargeOverlap(1)])).toEqual([true, true, false]);
      expect(withRleBudget(() => tryChargeOverlap(11))).toBe(false);
    } finally {
      setRleLimits(before);
    }
  });
});
