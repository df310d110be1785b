import { describe, expect, it } from "vitest";
import { canonicalJson, matchTargets } from "./targets";
import { ann, rectRle } from "./testRecord";

describe("matchTargets", () => {
  it("prefers the id, even over an equal-looking annotation", () => {
    // The copy below is a with b's id: equal to neither, so only its id can pick b.
    const a = ann("chair", [0, 0, 5, 5], { id: 1, area: 99 });
    const b = ann("chair", [0, 0, 5, 5], { id: 2 });
    expect(matchTargets([a, b], [[{ ...a, id: 2 }]]).targets).toEqual([[1]]);
  });

  it("tells annotations with the same category and box apart by their JSON", () => {
    const a = ann("chair", [0, 0, 5, 5], { id: undefined, segmentation: rectRle(0, 0, 5, 5) });
    const b = ann("chair", [0, 0, 5, 5], { id: undefined, segmentation: rectRle(0, 0, 4, 5) });
    delete a.id;
    delete b.id;
    const bReordered = Object.fromEntries(Object.entries(b).reverse()) as typeof b;
    expect(matchTargets([a, b], [[bReordered, a]]).targets).toEqual([[1, 0]]);
    // Neither equal: the first with that category and box.
    expect(matchTargets([a, b], [[{ ...b, area: 3 }]]).targets).toEqual([[0]]);
  });

  it("lists unmatched targets once as orphans after the annotations", () => {
    const a = ann("chair", [0, 0, 5, 5]);
    const stray = ann("mug", [1, 1, 2, 2]);
    const other = ann("mug", [3, 3, 2, 2]);
    expect(matchTargets([a], [[stray, a], [{ ...stray }], [other]])).toEqual({
      targets: [[1, 0], [1], [2]],
      orphans: [stray, other],
    });
  });

  it("compares JSON regardless of key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
