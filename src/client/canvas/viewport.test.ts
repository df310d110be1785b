import { describe, expect, it } from "vitest";
import { clampViewport, fitViewport, MAX_SCALE, panBy, toImage, wheelFactor, zoomAt, zoomToBox } from "./viewport";

const image = { width: 640, height: 480 };
const view = { width: 1000, height: 500 };

describe("viewport", () => {
  it("fits the image centred with a margin", () => {
    const vp = fitViewport(image, view, 10);
    expect(vp.scale).toBeCloseTo(480 / 480);
    expect(vp.y).toBeCloseTo(10);
    expect(vp.x).toBeCloseTo((1000 - 640) / 2);
  });

  it("zooms keeping the point under the pointer still", () => {
    const vp = fitViewport(image, view);
    const pointer = { x: 400, y: 200 };
    const before = toImage(vp, pointer);
    const zoomed = zoomAt(vp, pointer, 2, image, view);
    expect(zoomed.scale).toBeCloseTo(vp.scale * 2);
    const after = toImage(zoomed, pointer);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it("limits zoom between half the fit and MAX_SCALE", () => {
    const vp = fitViewport(image, view);
    expect(zoomAt(vp, { x: 0, y: 0 }, 1e6, image, view).scale).toBe(MAX_SCALE);
    expect(zoomAt(vp, { x: 0, y: 0 }, 1e-6, image, view).scale).toBeCloseTo(vp.scale / 2);
  });

  it("never pans the image out of view", () => {
    const vp = fitViewport(image, view);
    const far = panBy(vp, 10_000, 10_000, image, view);
    expect(far.x).toBeLessThanOrEqual(view.width - 64);
    expect(far.y).toBeLessThanOrEqual(view.height - 64);
    const back = clampViewport({ scale: 1, x: -10_000, y: -10_000 }, image, view);
    expect(back.x + image.width).toBeGreaterThanOrEqual(64);
    expect(back.y + image.height).toBeGreaterThanOrEqual(64);
  });

  it("zooms to a box, centred, with a cap so tiny parts keep context", () => {
    const vp = zoomToBox([300, 200, 40, 20], image, view, { padding: 50, maxScale: 8 });
    const centre = toImage(vp, { x: view.width / 2, y: view.height / 2 });
    expect(centre.x).toBeCloseTo(320);
    expect(centre.y).toBeCloseTo(210);
    expect(vp.scale).toBeCloseTo(Math.min((1000 - 100) / 40, (500 - 100) / 20, 8));
    expect(zoomToBox([0, 0, 1, 1], image, view).scale).toBe(8);
    // A box larger than the view never zooms out past the fit.
    expect(zoomToBox([0, 0, 640, 480], image, view).scale).toBeCloseTo(fitViewport(image, view).scale);
  });

  it("turns wheel deltas into symmetric zoom factors", () => {
    expect(wheelFactor(-100) * wheelFactor(100)).toBeCloseTo(1);
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(3, 1)).toBeCloseTo(wheelFactor(48));
  });
});
