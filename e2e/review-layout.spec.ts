import { test, expect } from "./fixtures";
import { ReviewPage } from "./pages/reviewPage";

const pair = "MMR_sample:101:4";

test.describe("at 1024×640", () => {
  test.use({ viewport: { width: 1024, height: 640 } });
  test("the canvas gets at least half the width and the queue is a drawer", async ({ page }, testInfo) => {
    const review = await ReviewPage.open(page, `/review/${encodeURIComponent(pair)}?split=MMR_sample`);
    await review.expectOpen(pair);
    await expect(page.getByTestId("review-layout")).toHaveAttribute("data-layout", "drawer");
    const canvas = (await review.canvas.boundingBox())!;
    expect(canvas.width / 1024).toBeGreaterThanOrEqual(0.5);
    if (process.env.MMR_SCREENSHOTS) await page.screenshot({ path: testInfo.outputPath("review-1024.png") });

    // q opens the drawer with the keyboard in the queue; Esc closes it; a row opens its pair.
    const list = page.getByTestId("queue-list");
    await expect(list).toBeHidden();
    await review.press("q");
    await expect(list).toBeVisible();
    await expect(list).toBeFocused();
    if (process.env.MMR_SCREENSHOTS) await page.screenshot({ path: testInfo.outputPath("review-1024-drawer.png") });
    await review.press("Escape");
    await expect(list).toBeHidden();
    await page.getByRole("button", { name: /^Queue/ }).click();
    await page.getByTestId("queue-row").nth(2).click();
    await expect(list).toBeHidden();
  });
});

test.describe("at 640 px wide (a 1280 px window at 200 % zoom)", () => {
  test.use({ viewport: { width: 640, height: 720 } });
  test("nothing scrolls sideways and the decision buttons are on screen", async ({ page }, testInfo) => {
    const review = await ReviewPage.open(page, `/review/${encodeURIComponent(pair)}?split=MMR_sample`);
    await review.expectOpen(pair);
    await expect(page.getByTestId("review-layout")).toHaveAttribute("data-layout", "stacked");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const name of ["Accept", "Reject", "Edit", "Undo"]) {
      const box = (await page.getByRole("button", { name: new RegExp(`^${name}`) }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(640);
    }
    if (process.env.MMR_SCREENSHOTS) await page.screenshot({ path: testInfo.outputPath("review-640.png"), fullPage: true });
  });
});
