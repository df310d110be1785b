import { test, expect } from "./fixtures";
import { pairIds, sampleSplit } from "./pages/api";
import { GalleryPage } from "./pages/galleryPage";

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

  for (const theme of ["dark", "light"] as const) {
    for (const [w, h] of [[1440, 900], [1024, 640]] as const) {
      const tag = `${theme}-${w}`;
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width: w, height: h });
      const gallery = await GalleryPage.open(page, `?split=${sampleSplit}`);
      await gallery.expectAllPainted();
      await gallery.press("ArrowRight");
      await gallery.card((await gallery.cardIds())[3]!).click();
      await page.screenshot({ path: shot(`gallery-${tag}.png`) });
      await gallery.cards.nth(1).locator(".gallery-card__picture").hover();
      await expect(page.getByTestId("card-enlarged-canvas")).toHaveAttribute("data-render-state", "ready");
      await page.screenshot({ path: shot(`gallery-enlarged-${tag}.png`) });
      await page.mouse.move(0, 0);

      await page.goto(`/gallery?split=${sampleSplit}&group=image&reason=wrong_target&minTargets=0`);
      await gallery.expectAllPainted();
      await page.screenshot({ path: shot(`gallery-filtered-${tag}.png`) });

      await page.goto(`/gallery?split=${sampleSplit}&minTargets=0&sample=12&seed=audit-1`);
      await gallery.expectAllPainted();
      await page.screenshot({ path: shot(`gallery-sample-${tag}.png`) });

      await page.goto(`/dashboard?split=${sampleSplit}`);
      await expect(page.getByTestId("chart-activity")).toBeVisible();
      await page.screenshot({ path: shot(`dashboard-${tag}.png`) });
      // The dashboard scrolls inside its own pane: a tall window shows every chart at once.
      await page.setViewportSize({ width: w, height: 1500 });
      await page.screenshot({ path: shot(`dashboard-full-${tag}.png`) });
      await page.setViewportSize({ width: w, height: h });

      await page.goto(`/export?split=${sampleSplit}`);
      await expect(page.getByTestId("export-preview")).toBeVisible();
      await page.screenshot({ path: shot(`export-${tag}.png`) });

      await page.goto(`/review?split=${sampleSplit}&reason=wrong_target`);
      await expect(page.getByTestId("pair-panel")).toBeVisible();
      await page.screenshot({ path: shot(`review-queue-${tag}.png`) });
    }
  }
});
