import { describe, expect, it } from "vitest";
import vectorsJson from "../../../shared/fixtures/rle-vectors.json";
import { maskFacts, readMask } from "./masks";
import { rleToString } from "./rle";

/* Mask facts of each segmentation form (SPEC section 2), computed by hand on 2×2 and 3×1 masks. */

describe("maskFacts", () => {
  it("keeps a compressed string as read and measures it from its runs", () => {
    const counts = rleToString([1, 2, 1]);
    const facts = maskFacts({ size: [2, 2], counts }, 2, 2);
    expect(facts.rleString).toBe(counts);
    // Column-major runs: pixel 0 off, pixels 1–2 on ((x 0, y 1) and (x 1, y 0)), pixel 3 off.
    expect(facts).toMatchObject({ size: [2, 2], area: 2, maskBox: [0, 0, 2, 2], valid: true });
    expect(Array.from(facts.counts!)).toEqual([1, 2, 1]);
  });

  it("encodes uncompressed counts and polygons once, at the mask's stated size or the image's", () => {
    const raw = maskFacts({ size: [3, 1], counts: [0, 1, 2] }, 2, 2);
    expect(raw).toMatchObject({ size: [3, 1], rleString: rleToString([0, 1, 2]), area: 1, maskBox: [0, 0, 1, 1], valid: true });
    const polygon = maskFacts([[0, 0, 2, 0, 2, 2, 0, 2]], 2, 2);
    expect(polygon).toMatchObject({ size: [2, 2], valid: true });
    expect(polygon.rleString).toBe(rleToString(Array.from(polygon.counts!)));
    expect(polygon.area).toBeGreaterThan(0);
  });

  it("reads counts that do not cover the mask, or a broken string, as one invalid run of background", () => {
    for (const segmentation of [
      { size: [2, 2] as [number, number], counts: [1, 2] },
      { size: [2, 2] as [number, number], counts: [1, 2, 3] },
      { size: [2, 2] as [number, number], counts: "!!" },
    ]) {
      expect(maskFacts(segmentation, 2, 2), JSON.stringify(segmentation)).toEqual({
        counts: null,
        size: [2, 2],
        rleString: rleToString([4]),
        area: 0,
        maskBox: [0, 0, 0, 0],
        valid: false,
      });
    }
  });
});

interface Vector {
  kind: string;
  size: [number, number];
  counts: string;
  area: number;
  bbox: [number, number, number, number];
}
const vectors = vectorsJson as unknown as Vector[];

describe("readMask", () => {
  it("gives each reference vector the area and box pycocotools computes, with its own string kept", () => {
    for (const v of vectors) {
      const { check, facts } = readMask({ size: v.size, counts: v.counts }, v.size[0], v.size[1]);
      expect(check, `${v.kind} ${v.size.join("x")}`).toEqual({ form: "compressed", problem: null });
      expect(facts, `${v.kind} ${v.size.join("x")}`).toMatchObject({ size: v.size, rleString: v.counts, area: v.area, maskBox: v.bbox, valid: true });
    }
  });

  it("decodes the counts it checked", () => {
    const counts = rleToString([1, 2, 1]);
    const { facts } = readMask({ size: [2, 2], counts }, 2, 2);
    expect(Array.from(facts.counts!)).toEqual([1, 2, 1]);
    expect(facts).toMatchObject({ area: 2, maskBox: [0, 0, 2, 2] });
  });

  it("names what is wrong with a compressed string and reads it as an empty mask of the image", () => {
    const empty = { counts: null, size: [2, 2], rleString: rleToString([4]), area: 0, maskBox: [0, 0, 0, 0], valid: false };
    const cases: [string, [number, number], string][] = [
      // A 'p' (64 after '0') is outside the alphabet; a last group with its continuation bit set ends inside a count.
      ["p", [2, 2], "bad_string"],
      ["1P", [2, 2], "bad_string"],
      // 1, 2 covers 3 of 4 pixels; 1, 2, 3 covers 6.
      [rleToString([1, 2]), [2, 2], "counts_sum"],
      [rleToString([1, 2, 3]), [2, 2], "counts_sum"],
      // The third count is read as it is (deltas start at the fourth): "@" is 16 with the sign bit set, so -16.
      ["11@", [2, 2], "negative_count"],
      // Counts that cover a 1×4 mask, not the 2×2 image.
      [rleToString([1, 2, 1]), [1, 4], "size"],
    ];
    for (const [counts, size, problem] of cases) {
      const read = readMask({ size, counts }, 2, 2);
      expect(read.check, counts).toEqual({ form: "compressed", problem });
      expect(read.facts, counts).toEqual(empty);
    }
  });

  it("checks and reads the other forms as checkSegmentation and maskFacts do", () => {
    const uncompressed = readMask({ size: [2, 2], counts: [0, 1, 3] }, 2, 2);
    expect(uncompressed.check).toEqual({ form: "uncompressed", problem: null });
    expect(uncompressed.facts).toMatchObject({ area: 1, maskBox: [0, 0, 1, 1], valid: true });
    expect(readMask({ size: [2, 2], counts: [0, 1] }, 2, 2).check.problem).toBe("counts_sum");
    const polygon = readMask([[0, 0, 2, 0, 2, 2, 0, 2]], 2, 2);
    expect(polygon.check).toEqual({ form: "polygon", problem: null });
    expect(polygon.facts.valid).toBe(true);
  });
});
