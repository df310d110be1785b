import { describe, expect, it } from "vitest";
import type { AnnotationView, PairDetail } from "../../shared/api";
import { rleEncode, rleToString } from "../../shared/rle";
import { targetColor } from "./palette";
import { buildOthers, buildTargets, emptyScene, maskAt, sceneMaskFor } from "./scene";

const W = 40;
const H = 30;

function rectAnn(index: number, x: number, y: number, w: number, h: number, kind: "object" | "part" = "object"): AnnotationView {
  const m = new Uint8Array(W * H);
  for (let yy = y; yy < y + h; yy++) m.fill(1, yy * W + x, yy * W + x + w);
  return {
    index,
    annId: null,
    categoryId: 1,
    categoryName: kind === "object" ? "chair" : "chair:leg",
    kind,
    instanceName: `a${index}`,
    parent: null,
    bbox: [x, y, w, h],
    area: w * h,
    maskBox: [x, y, w, h],
    rle: { size: [H, W], counts: rleToString(rleEncode(m, H, W)) },
  };
}

function detail(annotations: AnnotationView[], targets: number[]): PairDetail {
  return {
    id: "t:1:0",
    split: "scene-test",
    imageId: 1,
    index: 0,
    image: { fileName: "x.jpg", width: W, height: H, url: "/api/images/1", pairIds: [] },
    question: "",
    textAnswer: "",
    rawAnswer: null,
    original: { question: "", textAnswer: "", targets },
    targets,
    annotations,
    granularity: "object",
    flags: [],
    decision: null,
    history: [],
    prev: null,
    next: null,
  };
}

describe("scene", () => {
  const anns = [rectAnn(0, 0, 0, 40, 30), rectAnn(1, 10, 10, 10, 10, "part"), rectAnn(2, 12, 12, 4, 4, "part")];

  it("colours targets by placeholder position and paints the largest first", () => {
    const t = buildTargets(detail(anns, [1, 0]), [1, 0]);
    expect(t.map((m) => [m.index, m.color, m.target])).toEqual([
      [0, targetColor(1), 1],
      [1, targetColor(0), 0],
    ]);
  });

  it("hit-tests the smallest visible mask; others only when shown", () => {
    const d = detail(anns, [0, 1]);
    const scene = { ...emptyScene(), targets: buildTargets(d, [0, 1]) };
    expect(maskAt(scene, 13, 13)).toBe(1); // index 2 is not shown
    scene.others = buildOthers(d, [0, 1]);
    expect(maskAt(scene, 13, 13)).toBe(2);
    expect(maskAt(scene, 1, 1)).toBe(0);
    scene.overlaysHidden = true;
    expect(maskAt(scene, 13, 13)).toBeNull();
  });

  it("describes a non-target for panel hover", () => {
    const m = sceneMaskFor(detail(anns, [0]), [0], 2);
    expect(m).toMatchObject({ index: 2, target: null, kind: "part" });
    expect(m?.mask.area).toBe(16);
  });
});
