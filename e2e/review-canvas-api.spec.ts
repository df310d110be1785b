import { test, expect } from "./fixtures";
import { pairDetail, pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

/** Two pairs in a row of the same image, each with targets. */
async function sameImagePairs(request: Parameters<typeof pairDetail>[0]): Promise<[string, string]> {
  const ids = await pairIds(request);
  for (let i = 0; i + 1 < ids.length; i++) {
    const [a, b] = [await pairDetail(request, ids[i]!), await pairDetail(request, ids[i + 1]!)];
    if (a.imageId === b.imageId && a.targets.length > 0 && b.targets.length > 1) return [a.id, b.id];
  }
  throw new Error("no two pairs of one image");
}

test("a pair opens fitted to its targets even after the previous pair was zoomed; the zoom can be pinned", async ({ page, request }) => {
  const [first, second] = await sameImagePairs(request);
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(first)}?split=MMR_sample`);
  await review.expectOpen(first);
  let probe = await review.probe();
  expect(probe.viewport.fit).toBe("targets");
  expect(probe.visibleTargets).toEqual(probe.targets);

  // Wheel-zoom far in at the top-left corner of the canvas.
  const area = (await review.canvasArea.boundingBox())!;
  await page.mouse.move(area.x + 5, area.y + 5);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await review.probe()).viewport.scale).toBeGreaterThan(probe.viewport.scale * 4);
  probe = await review.probe();
  expect(probe.viewport.fit).toBeNull();

  // The next pair of the same image opens on its targets, every one in view, no stale hover.
  await review.press("j");
  await review.expectOpen(second);
  probe = await review.probe();
  expect(probe.viewport.fit).toBe("targets");
  expect(probe.visibleTargets).toEqual(probe.targets);
  expect(probe.hovered).toBeNull();
  await expect(page.getByTestId("offscreen-marker")).toHaveCount(0);

  // Zoomed in on a corner, the targets outside the view get a marker each.
  await page.mouse.move(area.x + 5, area.y + 5);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await review.probe()).visibleTargets.length).toBeLessThan(probe.targets.length);
  probe = await review.probe();
  await expect(page.getByTestId("offscreen-marker")).toHaveCount(probe.targets.length - probe.visibleTargets.length);
  // A click on a marker brings that target into view.
  const marker = page.getByTestId("offscreen-marker").first();
  const index = Number(await marker.getAttribute("data-annotation"));
  await marker.click();
  await expect.poll(async () => (await review.probe()).visibleTargets).toContain(index);

  // Pinned: the zoom of the image carries over to its next pair.
  await review.press("k");
  await review.expectOpen(first);
  await page.getByRole("button", { name: /Pin zoom/ }).click();
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await review.probe()).viewport.fit).toBeNull();
  const pinnedScale = (await review.probe()).viewport.scale;
  await review.press("j");
  await review.expectOpen(second);
  expect((await review.probe()).viewport.scale).toBeCloseTo(pinnedScale, 5);
});

test("o, h, f, hover, canvas keys and click-to-toggle a target in edit mode", async ({ page, request }) => {
  const ids = await pairIds(request);
  let id = "";
  for (const candidate of ids) {
    const d = await pairDetail(request, candidate);
    if (d.flags.length === 0 && d.targets.length > 1) {
      id = candidate;
      break;
    }
  }
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(id)}?split=MMR_sample`);
  await review.expectOpen(id);

  await review.press("o");
  expect((await review.probe()).showOthers).toBe(true);
  await review.press("o", "h");
  expect(await review.probe()).toMatchObject({ showOthers: false, overlaysHidden: true });
  await review.press("h", "f");
  expect((await review.probe()).viewport.fit).toBe("image");
  const fitted = (await review.probe()).viewport.scale;

  // + / - / 0 and the arrows act only while the canvas has the keyboard.
  await review.press("+");
  expect((await review.probe()).viewport.scale).toBeCloseTo(fitted);
  await review.canvasArea.focus();
  await review.press("+", "+");
  expect((await review.probe()).viewport.scale).toBeCloseTo(fitted * 1.25 * 1.25);
  const before = (await review.probe()).viewport;
  await review.press("ArrowLeft");
  expect((await review.probe()).viewport.x).toBeGreaterThan(before.x);
  await review.press("-");
  expect((await review.probe()).viewport.scale).toBeCloseTo(fitted * 1.25);
  await review.press("0");
  expect((await review.probe()).viewport.fit).toBe("targets");

  // Hover: the pointer over a target's box centre hovers it.
  const probe = await review.probe();
  const [x, y, w, h] = probe.targetBoxes[0]!;
  const point = await review.pagePoint(x + w / 2, y + h / 2);
  await page.mouse.move(point.x, point.y);
  await expect.poll(async () => (await review.probe()).hovered).not.toBeNull();
  const hovered = (await review.probe()).hovered!;

  // Edit mode: a click on that mask removes it from the targets; with the other annotations
  // shown (o), a second click adds it back.
  await review.press("e");
  await expect(page.getByTestId("edit-panel")).toBeVisible();
  await review.canvasArea.focus();
  await page.mouse.click(point.x, point.y);
  await expect.poll(async () => (await review.draft()).targets).not.toContain(hovered);
  await review.press("o");
  // Wait until the canvas draws the others (the pointer finds that mask again), then click.
  await expect
    .poll(async () => {
      await page.mouse.move(point.x + 1, point.y);
      await page.mouse.move(point.x, point.y);
      return (await review.probe()).hovered;
    })
    .toBe(hovered);
  await page.mouse.click(point.x, point.y);
  await expect.poll(async () => (await review.draft()).targets).toContain(hovered);
});
