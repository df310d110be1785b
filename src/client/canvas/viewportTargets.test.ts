import { describe, expect, it } from "vitest";
import { boxInView, edgeMarker, fitToBoxes, fitViewport, unionBox } from "./viewport";

const image = { width: 640, height: 480 };
const view = { width: 800, height: 600 };

describe("opening a pair on its targets", () => {
  it("unions the boxes and skips empty ones", () => {
    expect(unionBox([[10, 20, 30, 40], [100, 5, 10, 10], [0, 0, 0, 0]])).toEqual([10, 5, 100, 55]);
    expect(unionBox([[3, 3, 0, 0]])).toBeNull();
  });

  it("keeps every target box inside the view, with room around it", () => {
    const boxes = [[300, 200, 20, 10], [360, 240, 20, 20]] as const;
    const vp = fitToBoxes(boxes, image, view);
    // union 300..380 × 200..260; margin 16 × 12 image px on each side, then 48 screen px
    for (const [x, y, w, h] of boxes) {
      expect(x * vp.scale + vp.x).toBeGreaterThanOrEqual(48);
      expect((x + w) * vp.scale + vp.x).toBeLessThanOrEqual(800 - 48);
      expect(y * vp.scale + vp.y).toBeGreaterThanOrEqual(48);
      expect((y + h) * vp.scale + vp.y).toBeLessThanOrEqual(600 - 48);
    }
    expect(vp.scale).toBeLessThanOrEqual(4);
    expect(vp.scale).toBeGreaterThan(fitViewport(image, view).scale);
  });

  it("shows the whole image when the targets span it or there are none", () => {
    const fit = fitViewport(image, view);
    expect(fitToBoxes([[0, 0, 640, 480]], image, view).scale).toBeCloseTo(fit.scale);
    expect(fitToBoxes([], image, view)).toEqual(fit);
  });
});

describe("off-screen targets", () => {
  const vp = { scale: 4, x: -1000, y: -800 };
  it("tells a box in view from one outside", () => {
    // screen x of image x: 4x - 1000; view 0..800 covers image x 250..450, y 200..350
    expect(boxInView([300, 250, 10, 10], vp, view)).toBe(true);
    expect(boxInView([10, 250, 10, 10], vp, view)).toBe(false);
    expect(boxInView([245, 250, 10, 10], vp, view)).toBe(true);
  });
  it("puts the marker on the edge towards the box", () => {
    const left = edgeMarker([10, 270, 10, 10], vp, view);
    // box centre on screen (-940, 300): straight left of the view centre (400, 300)
    expect(left.x).toBeCloseTo(18);
    expect(left.y).toBeCloseTo(300);
    expect(Math.abs(left.angle)).toBeCloseTo(Math.PI);
  });
});
