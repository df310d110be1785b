import { describe, expect, it } from "vitest";
import type { Annotation } from "./mmr";
import { rleFromString } from "./rle";
import { canonicalJson, matchTargets, sameMask } from "./targets";
import { H, W, ann, rectRle } from "./testRecord";

const match = (annotations: Annotation[], answers: Annotation[][]) => matchTargets(annotations, answers, H, W);

describe("matchTargets", () => {
  it("prefers the id, even over an equal-looking annotation", () => {
    // The copy below is a with b's id: equal to neither, so only its id can pick b.
    const a = ann("chair", [0, 0, 5, 5], { id: 1, area: 99 });
    const b = ann("chair", [0, 0, 5, 5], { id: 2 });
    expect(match([a, b], [[{ ...a, id: 2 }]]).targets).toEqual([[1]]);
  });

  it("tells annotations with the same category and box apart by their masks", () => {
    const a = ann("chair", [0, 0, 5, 5], { id: undefined, segmentation: rectRle(0, 0, 5, 5) });
    const b = ann("chair", [0, 0, 5, 5], { id: undefined, segmentation: rectRle(0, 0, 4, 5) });
    delete a.id;
    delete b.id;
    const bReordered = Object.fromEntries(Object.entries(b).reverse()) as typeof b;
    expect(match([a, b], [[bReordered, a]]).targets).toEqual([[1, 0]]);
    // Another `area` field but b's mask: still b (the loader only reads the mask).
    expect(match([a, b], [[{ ...b, area: 3 }]]).targets).toEqual([[1]]);
  });

  it("takes a copy equal to an annotation with keys in another order, and its mask in another form", () => {
    const a = ann("chair", [2, 3, 10, 6]);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as Annotation;
    const counts = Array.from(rleFromString((a.segmentation as { counts: string }).counts));
    const asCounts = { ...a, segmentation: { counts, size: [H, W] as [number, number] } };
    // A polygon tracing the same 10 × 6 rectangle (COCO rasterisation covers the pixels inside).
    const m = match([a], [[reordered], [asCounts]]);
    expect(m.targets).toEqual([[0], [0]]);
    expect(m.orphans).toEqual([]);
  });

  it("makes a copy carrying an annotation's id but another mask its own target, naming the annotation", () => {
    const a = ann("chair", [0, 0, 20, 30]);
    const other = { ...a, segmentation: rectRle(0, 0, 10, 30) };
    const m = match([a], [[other]]);
    expect(m.targets).toEqual([[1]]);
    expect(m.orphans).toEqual([other]);
    expect(m.orphanCopyOf).toEqual([0]);
    expect(m.orphanAt).toEqual([[0, 0]]);
  });

  it("makes a broken copy (wrong size, truncated string, another category) its own target", () => {
    const a = ann("chair", [0, 0, 20, 30]);
    const seg = a.segmentation as { size: [number, number]; counts: string };
    const wrongSize = { ...a, segmentation: { size: [W, H] as [number, number], counts: seg.counts } };
    const truncated = { ...a, segmentation: { size: seg.size, counts: seg.counts.slice(0, 3) } };
    const otherCategory = { ...a, category_id: a.category_id + 1 };
    const m = match([a], [[wrongSize], [truncated], [otherCategory]]);
    expect(m.targets).toEqual([[1], [2], [3]]);
    expect(m.orphanCopyOf).toEqual([0, 0, 0]);
  });

  it("lists unmatched targets once as orphans after the annotations", () => {
    const a = ann("chair", [0, 0, 5, 5]);
    const stray = ann("mug", [1, 1, 2, 2]);
    const other = ann("mug", [3, 3, 2, 2]);
    expect(match([a], [[stray, a], [{ ...stray }], [other]])).toEqual({
      targets: [[1, 0], [1], [2]],
      orphans: [stray, other],
      orphanCopyOf: [null, null],
      orphanAt: [
        [0, 0],
        [2, 0],
      ],
    });
  });

  it("compares JSON regardless of key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it("writes JSON with every object's keys sorted, at any depth", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: [3, { f: null, e: "x" }] }, 4] })).toBe('{"a":[{"c":[3,{"e":"x","f":null}],"d":2},4],"b":1}');
    expect(canonicalJson([1, 2, [3]])).toBe("[1,2,[3]]");
    expect(canonicalJson([1, { b: 2, a: 1 }])).toBe('[1,{"a":1,"b":2}]');
    expect(canonicalJson({ size: [2, 2], counts: [0, 4] })).toBe('{"counts":[0,4],"size":[2,2]}');
    expect(canonicalJson("s")).toBe('"s"');
    expect(canonicalJson(null)).toBe("null");
  });
});

describe("sameMask", () => {
  it("reads zero-length runs as nothing", () => {
    expect(sameMask({ size: [2, 2], counts: [1, 2, 1] }, { size: [2, 2], counts: [1, 0, 0, 2, 1, 0] }, 2, 2)).toBe(true);
  });
  it("tells different masks and sizes apart", () => {
    expect(sameMask({ size: [2, 2], counts: [1, 2, 1] }, { size: [2, 2], counts: [2, 2] }, 2, 2)).toBe(false);
    expect(sameMask({ size: [2, 2], counts: [4] }, { size: [1, 4], counts: [4] }, 2, 2)).toBe(false);
  });
});

describe("matchTargets: which annotation a copy names", () => {
  it("finds a copy with a wrong box through its id, and one without an id through its box", () => {
    const a = ann("chair", [0, 0, 5, 5], { id: 1 });
    const b = ann("chair", [10, 0, 5, 5], { id: 2 });
    const wrongBox = { ...b, bbox: [11, 1, 3, 3] as [number, number, number, number] };
    const { id: _id, ...noId } = b;
    expect(match([a, b], [[wrongBox, noId]]).targets).toEqual([[1, 1]]);
    // Annotations without ids: a copy carrying one is still found by its box.
    const { id: _a, ...bare } = a;
    expect(match([bare], [[{ ...a, id: 9 }]]).targets).toEqual([[0]]);
  });

  it("takes the first annotation of a repeated id", () => {
    const a = ann("chair", [0, 0, 5, 5], { id: 4 });
    const twin = { ...a };
    expect(match([a, twin], [[{ ...a }]]).targets).toEqual([[0]]);
  });

  it("names the annotation of the copy's id first for an orphan, else the first of its box", () => {
    const a = ann("chair", [0, 0, 5, 5], { id: 1 });
    const b = ann("chair", [10, 0, 5, 5], { id: 2 });
    // b's id, a's box, a mask of neither.
    const odd = { ...a, id: 2, segmentation: rectRle(0, 0, 2, 2) };
    const noId = { ...a, segmentation: rectRle(0, 0, 3, 3) } as Annotation;
    delete noId.id;
    const m = match([a, b], [[odd], [noId]]);
    expect(m.targets).toEqual([[2], [3]]);
    expect(m.orphanCopyOf).toEqual([1, 0]);
    expect(m.orphanAt).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it("shares one orphan between equal copies with keys in another order", () => {
    const a = ann("chair", [0, 0, 5, 5]);
    const stray = ann("mug", [20, 20, 4, 4]);
    const reordered = Object.fromEntries(Object.entries(stray).reverse()) as Annotation;
    const m = match([a], [[stray], [a, reordered]]);
    expect(m.targets).toEqual([[1], [0, 1]]);
    expect(m.orphans).toEqual([stray]);
    expect(m.orphanAt).toEqual([[0, 0]]);
  });

  it("makes a copy with the category id but another category name its own target", () => {
    const a = ann("chair", [0, 0, 5, 5]);
    const renamed = { ...a, category_name: "stool" };
    const m = match([a], [[renamed]]);
    expect(m.targets).toEqual([[1]]);
    expect(m.orphanCopyOf).toEqual([0]);
  });

  it("does not take a box whose numbers only read alike for the copy's box", () => {
    // [1, 23, 4, 5] and [12, 3, 4, 5]: same digits in the same order, other boxes.
    const a = ann("chair", [12, 3, 4, 5]);
    const copy = ann("chair", [1, 23, 4, 5]);
    delete (a as Partial<Annotation>).id;
    delete (copy as Partial<Annotation>).id;
    const m = match([a], [[copy]]);
    expect(m.targets).toEqual([[1]]);
    expect(m.orphanCopyOf).toEqual([null]);
  });

  it("gives a pair without an answer list no targets", () => {
    const a = ann("chair", [0, 0, 5, 5]);
    expect(matchTargets([a], [undefined, [a]], H, W).targets).toEqual([[], [0]]);
  });
});

describe("sameMask, by hand", () => {
  const at = (counts: number[] | string, size: [number, number] = [2, 3]) => ({ size, counts });
  it("reads the same pixels written with zero-length runs anywhere as one mask", () => {
    // 2×3 = 6 pixels: 2 zeros then 4 ones.
    expect(sameMask(at([2, 4]), at([0, 0, 2, 4]), 2, 3)).toBe(true);
    expect(sameMask(at([2, 4]), at([2, 4, 0]), 2, 3)).toBe(true);
    expect(sameMask(at([2, 4]), at([1, 0, 1, 4]), 2, 3)).toBe(true);
    expect(sameMask(at([2, 4]), at([2, 1, 0, 3]), 2, 3)).toBe(true);
    expect(sameMask(at([2, 4]), at([2, 4, 0, 0]), 2, 3)).toBe(true);
    // 0 zeros then 6 ones is another mask than 6 zeros.
    expect(sameMask(at([0, 6]), at([6]), 2, 3)).toBe(false);
    expect(sameMask(at([2, 4]), at([2, 3, 1]), 2, 3)).toBe(false);
    expect(sameMask(at([2, 4]), at([2, 2, 2]), 2, 3)).toBe(false);
    expect(sameMask(at([1, 2, 3]), at([1, 3, 2]), 2, 3)).toBe(false);
    // The same counts at another size (3×2 in a 2×3 image) are no mask of this image.
    expect(sameMask(at([2, 4], [3, 2]), at([2, 4]), 2, 3)).toBe(false);
    expect(sameMask(at([2, 4]), at([2, 4], [3, 2]), 2, 3)).toBe(false);
  });

  it("compares a compressed string with counts, and equal strings without decoding", () => {
    // "06" is [0, 6]; "6" is [6]. An equal string of another size is another mask.
    expect(sameMask(at("06"), at([0, 6]), 2, 3)).toBe(true);
    expect(sameMask(at("6"), at([0, 6]), 2, 3)).toBe(false);
    expect(sameMask(at("06"), at("06"), 2, 3)).toBe(true);
    expect(sameMask(at("06"), at("06", [3, 2]), 2, 3)).toBe(false);
    expect(sameMask(at("06", [3, 2]), at("06"), 2, 3)).toBe(false);
  });

  it("takes a mask that does not decode as equal only to an identical one", () => {
    // [1, 2] covers 3 of 6 pixels: unreadable.
    expect(sameMask(at([1, 2]), { counts: [1, 2], size: [2, 3] }, 2, 3)).toBe(true);
    expect(sameMask(at([1, 2]), at([1, 2, 0]), 2, 3)).toBe(false);
    expect(sameMask(at([2, 4]), at([2, 4, 1]), 2, 3)).toBe(false);
    expect(sameMask(at([2, 4, 1]), at([2, 4]), 2, 3)).toBe(false);
  });
});
