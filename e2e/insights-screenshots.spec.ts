import { test, expect } from "./fixtures";
import { pairIds, sampleSplit } from "./pages/api";
import { GalleryPage } from "./pages/galleryPage";
import { seedReviewer } from "./pages/reviewPage";

/*
 * Screenshots of the gallery, dashboard and export screens for looking at. Off by default; run
 * with MMR_SCREENSHOTS=1 npx playwright test insights-screenshots (saved under MMR_SHOTS_DIR or
 * the test's output folder).
 */
test.skip(!process.env.MMR_SCREENSHOTS, "set MMR_SCREENSHOTS=1 to take screenshots");

test("screenshots of the gallery, dashboard and export screens", async ({ page, request }, testInfo) => {
  const shot = (name: string) => (process.env.MMR_SHOTS_DIR ? `${process.env.MMR_SHOTS_DIR}/${name}` : testInfo.outputPath(name));
  const ids = await pairIds(request);
  for (const [i, id] of ids.slice(0, 24).entries()) {
    const reviewer = i % 3 === 0 ? "bo" : "ana";
    const status = i % 4 === 1 ? "rejected" : "accepted";
    await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, {
      data: { status, reviewer, baseVersion: 0, reasons: status === "rejected" ? [i % 8 === 1 ? "wrong_target" : "bad_mask"] : [] },
    });
  }
  await request.put(`/api/pairs/${encodeURIComponent(ids[1]!)}/decision`, { data: { status: "accepted", reviewer: "bo", baseVersion: 1 } });

  const gallery = await GalleryPage.open(page, `?split=${sampleSplit}`);
  await gallery.expectAllPainted();
  await gallery.press("ArrowRight");
  await gallery.card((await gallery.cardIds())[3]!).click();
  await page.screenshot({ path: shot("gallery.png") });

  await page.goto(`/gallery?split=${sampleSplit}&group=image`);
  await gallery.expectAllPainted();
  await page.screenshot({ path: shot("gallery-grouped.png") });

  await page.goto(`/gallery?split=${sampleSplit}&minTargets=0&sample=12&seed=audit-1`);
  await gallery.expectAllPainted();
  await page.screenshot({ path: shot("gallery-sample.png") });

  await seedReviewer(page, "e2e-lead");
  // The dashboard scrolls inside its own pane: a tall window shows every chart at once.
  await page.setViewportSize({ width: 1440, height: 1500 });
  await page.goto(`/dashboard?split=${sampleSplit}`);
  await expect(page.getByTestId("chart-activity")).toBeVisible();
  await page.screenshot({ path: shot("dashboard.png") });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.goto(`/export?split=${sampleSplit}`);
  await expect(page.getByTestId("export-preview")).toBeVisible();
  await page.screenshot({ path: shot("export.png") });
});
