import { test } from "./fixtures";
import { ReviewPage } from "./pages/reviewPage";

/*
 * Screenshots of the review screen for looking at (and the README's docs/review-screen.png).
 * Off by default; run with MMR_SCREENSHOTS=1 npx playwright test screenshots. The README image is
 * review.png quantised to stay small:
 *   pngquant --quality 70-90 --output docs/review-screen.png test-results/screenshots-screenshots-of-the-review-screen/review.png
 */
test.skip(!process.env.MMR_SCREENSHOTS, "set MMR_SCREENSHOTS=1 to take screenshots");

const pair = "MMR_sample:101:4";

test("screenshots of the review screen", async ({ page }, testInfo) => {
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(pair)}?split=MMR_sample`, "Ada");
  await review.expectOpen(pair);
  await page.waitForTimeout(300);
  await page.screenshot({ path: testInfo.outputPath("review.png") });

  await review.press("o");
  await page.waitForTimeout(200);
  await page.screenshot({ path: testInfo.outputPath("review-others.png") });
  await review.press("o");

  await review.press("e");
  await page.getByLabel(/Text answer/).fill("Use {seg} and {seg}, with {seg} and {seg} {oops}.");
  await page.screenshot({ path: testInfo.outputPath("review-edit.png") });
  await review.canvasArea.focus();
  await review.press("Escape");
  await page.screenshot({ path: testInfo.outputPath("review-discard.png") });
  await page.getByRole("button", { name: "Discard changes" }).click();

  await review.press("r", "1", "4");
  await page.screenshot({ path: testInfo.outputPath("review-reject.png") });
  await review.press("Escape", "?");
  await page.screenshot({ path: testInfo.outputPath("review-help.png") });
});

test("screenshot of the conflict view", async ({ page, request }, testInfo) => {
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(pair)}?split=MMR_sample`, "Ada");
  await review.expectOpen(pair);
  // Someone else rejects the pair behind Ada's back.
  await request.put(`/api/pairs/${encodeURIComponent(pair)}/decision`, {
    data: { status: "rejected", reasons: ["wrong_target", "ambiguous"], note: "The mug is not part of a workspace.", reviewer: "Grace", baseVersion: 0 },
  });
  await review.press("a");
  await review.conflictView.waitFor();
  await page.screenshot({ path: testInfo.outputPath("review-conflict.png") });
});
