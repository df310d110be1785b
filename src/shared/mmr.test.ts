import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeRecordError, imageRecordSchema, polygonSegmentationSchema, rleSegmentationSchema } from "./mmr";

/*
 * The schemas answer for large numeric arrays without zod (a fast path); these tests pin that what
 * is accepted and the one-line error of a refused record are what zod alone gives.
 */

type Json = Record<string, unknown>;

function annotation(): Json {
  return { bbox: [0, 0, 1, 1], segmentation: { size: [2, 2], counts: [0, 4] }, image_id: 1, category_name: "chair", category_id: 1 };
}

function record(edit: (r: { annotations: Json[]; answers: Json[][] }) => void): unknown {
  const r = { file_name: "a.png", height: 2, width: 2, image_id: 1, questions: ["q"], text_answers: ["t"], annotations: [annotation()], answers: [[annotation()]] };
  edit(r);
  return r;
}

function errorOf(value: unknown): string | null {
  const result = imageRecordSchema.safeParse(value);
  return result.success ? null : describeRecordError(result.error);
}

const seg = (r: { annotations: Json[] }): Json => r.annotations[0]!.segmentation as Json;

describe("record validation", () => {
  it("accepts counts and polygons of every valid kind", () => {
    expect(errorOf(record(() => {}))).toBeNull();
    expect(errorOf(record((r) => (seg(r).counts = [])))).toBeNull();
    expect(errorOf(record((r) => (seg(r).counts = [0, 2 ** 53 - 1])))).toBeNull();
    expect(errorOf(record((r) => (seg(r).counts = "04"))) ).toBeNull();
    expect(errorOf(record((r) => (r.annotations[0]!.segmentation = [[0, 0, 1.5, -2, 1e300, 0]])))).toBeNull();
    expect(errorOf(record((r) => (r.annotations[0]!.segmentation = [[], [0, 0, 1, 1]])))).toBeNull();
  });

  it("names the first bad number of a mask with zod's message", () => {
    expect(errorOf(record((r) => (seg(r).counts = [1, -1, 4])))).toBe("annotations[0].segmentation.counts[1]: Too small: expected number to be >=0");
    expect(errorOf(record((r) => (seg(r).counts = [1, 2 ** 53])))).toBe(
      "annotations[0].segmentation.counts[1]: Too big: expected int to be <=9007199254740991",
    );
    expect(errorOf(record((r) => ((r.answers[0]![0]!.segmentation as Json).counts = [3, -1])))).toBe(
      "answers[0][0].segmentation.counts[1]: Too small: expected number to be >=0",
    );
    expect(errorOf(record((r) => (r.annotations[0]!.bbox = [0, 0, 1, "x"])))).toBe("annotations[0].bbox[3]: Invalid input: expected number, received string");
    expect(errorOf(record((r) => (r.annotations[0]!.bbox = [0, 0, 1])))).toBe("annotations[0].bbox: Too small: expected array to have exactly 4 items");
  });

  it("refuses non-integer, non-number and missing counts and points as an invalid segmentation", () => {
    const invalid = "annotations[0].segmentation: Invalid input";
    expect(errorOf(record((r) => (seg(r).counts = [1, 1.5])))).toBe(invalid);
    expect(errorOf(record((r) => (seg(r).counts = [1, "2"])))).toBe(invalid);
    // eslint-disable-next-line no-sparse-arrays -- a hole in the list is what is tested
    expect(errorOf(record((r) => (seg(r).counts = [1, , 3])))).toBe(invalid);
    expect(errorOf(record((r) => (seg(r).counts = [1, NaN])))).toBe(invalid);
    expect(errorOf(record((r) => (r.annotations[0]!.segmentation = [[0, 0, "1", 1]])))).toBe(invalid);
    expect(errorOf(record((r) => (r.annotations[0]!.segmentation = [[0, 0, null, 1]])))).toBe(invalid);
    expect(errorOf(record((r) => (r.annotations[0]!.segmentation = [[0, Infinity]])))).toBe(invalid);
    expect(errorOf(record((r) => (r.annotations[0]!.segmentation = [5])))).toBe(invalid);
  });

  it("keeps a valid mask's counts and a polygon's points as read (no copy: the fast path took them)", () => {
    const counts = [0, 4];
    const rle = rleSegmentationSchema.safeParse({ size: [2, 2], counts });
    expect(rle.success && rle.data.counts).toBe(counts);
    const points = [0, 0, 1, 0, 1, 1];
    const polygon = polygonSegmentationSchema.safeParse([points]);
    expect(polygon.success && polygon.data[0]).toBe(points);
  });

  it("decides every array as zod alone does (seeded random arrays)", () => {
    // The same schemas without the fast path: the reference.
    const count = z.number().int().nonnegative();
    const plainRle = z.looseObject({ size: z.tuple([count, count]), counts: z.union([z.string(), z.array(count)]) });
    const plainPolygon = z.array(z.array(z.number()));
    const pool: unknown[] = [0, 1, 7, 2 ** 31, 2 ** 53 - 1, 2 ** 53, -1, -0, 0.5, -2.5, NaN, Infinity, -Infinity, "3", null, undefined, true, [1], {}];
    let seed = 13;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      const length = next(6);
      // Mostly valid counts, one odd value in a third of the arrays.
      const list: unknown[] = Array.from({ length }, () => next(50));
      if (round % 3 === 0 && length > 0) list[next(length)] = pool[next(pool.length)];
      const rle = { size: [2, 2], counts: list };
      const fast = rleSegmentationSchema.safeParse(rle);
      const plain = plainRle.safeParse(rle);
      expect(fast.success, JSON.stringify(list)).toBe(plain.success);
      expect(fast.error?.issues, JSON.stringify(list)).toEqual(plain.error?.issues);
      const polygon = [list];
      const fastP = polygonSegmentationSchema.safeParse(polygon);
      const plainP = plainPolygon.safeParse(polygon);
      expect(fastP.success, JSON.stringify(list)).toBe(plainP.success);
      expect(fastP.error?.issues, JSON.stringify(list)).toEqual(plainP.error?.issues);
    }
  });
});
