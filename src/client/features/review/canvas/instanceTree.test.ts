import { describe, expect, it } from "vitest";
import type { AnnotationView } from "../../../../shared/api";
import { panelTree, targetPositions } from "./instanceTree";

function ann(index: number, kind: "object" | "part", parent: number | null = null): AnnotationView {
  return {
    index,
    annId: null,
    categoryId: 1,
    categoryName: kind === "object" ? "chair" : "chair:leg",
    kind,
    instanceName: `a${index}`,
    parent,
    bbox: [0, 0, 1, 1],
    area: 1,
    maskBox: [0, 0, 1, 1],
    rle: { size: [1, 1], counts: "01" },
  };
}

describe("panelTree", () => {
  it("nests parts under their objects in annotation order and keeps loose parts apart", () => {
    const tree = panelTree([ann(0, "object"), ann(1, "part", 2), ann(2, "object"), ann(3, "part", 0), ann(4, "part", null), ann(5, "part", 2)]);
    expect(tree.objects.map((n) => [n.object.index, n.parts.map((p) => p.index)])).toEqual([
      [0, [3]],
      [2, [1, 5]],
    ]);
    expect(tree.loose.map((p) => p.index)).toEqual([4]);
  });
});

describe("targetPositions", () => {
  it("lists every placeholder position of an annotation", () => {
    expect([...targetPositions([4, 2, 4])]).toEqual([
      [4, [0, 2]],
      [2, [1]],
    ]);
  });
});
