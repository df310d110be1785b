import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { ReviewPage } from "./pages/reviewPage";

/*
 * What a curator checks by eye, and screenshots of it (MMR_SCREENSHOTS=1 keeps them in
 * test-results): box_mismatch with its IoU and the raw-answer boxes, a duplicate's link to the
 * pair it repeats, a reordered target list read as a move, every legend chip in view.
 */
const shot = async (page: Page, path: string) => {
  if (process.env.MMR_SCREENSHOTS) await page.screenshot({ path });
};

test("flags show their evidence and the target diff reads as moves", async ({ page }, testInfo) => {
  const mismatch = "MMR_sample:103:4";
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(mismatch)}?split=MMR_sample`);
  await review.expectOpen(mismatch);
  const ious = page.getByTestId("box-ious");
  await expect(ious).toContainText(/box 1: IoU 0\.\d\d/);
  await page.getByRole("button", { name: /^Boxes/ }).click();
  await shot(page, testInfo.outputPath("box-mismatch.png"));

  const duplicate = "MMR_sample:102:4";
  await page.goto(`/review/${encodeURIComponent(duplicate)}?split=MMR_sample`);
  await review.expectOpen(duplicate);
  const link = page.locator('[data-flag="duplicate"] a');
  await expect(link).toHaveText(/^MMR_sample:102:\d$/);
  const repeated = (await link.textContent())!;
  await link.click();
  await review.expectOpen(repeated);

  // A pair with two or more targets, reordered in edit mode: the diff says "moved".
  const multi = "MMR_sample:101:4";
  await page.goto(`/review/${encodeURIComponent(multi)}?split=MMR_sample`);
  await review.expectOpen(multi);
  await expect(page.getByTestId("legend-item")).toHaveCount(4);
  for (const item of await page.getByTestId("legend-item").all()) await expect(item).toBeInViewport();
  await review.press("e");
  await page.getByRole("button", { name: /^Move .* down$/ }).first().click();
  await expect(page.getByTestId("target-diff")).toContainText("moved");
  await expect(page.getByTestId("target-diff")).not.toContainText("removed");
  await shot(page, testInfo.outputPath("edit-diff.png"));

  // "Replace with parent object" reads the same in the target list as in the instances panel.
  const lift = page.getByTestId("target-list").getByRole("button", { name: /^Replace with parent object / });
  await expect(lift.first()).toBeVisible();
  await expect(page.getByTestId("instances-panel").getByRole("button", { name: /^Replace with parent object / }).first()).toBeVisible();
  await lift.first().click();
  await expect(page.getByTestId("target-diff")).toContainText("added");
});
