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
