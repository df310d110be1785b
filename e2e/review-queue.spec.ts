import { test, expect } from "./fixtures";
import { pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("the queue's filters live in the URL, narrow the list and steer j", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  // "/" opens the pending queue (no decision yet here, so every pair is pending).
  const review = await ReviewPage.open(page);
  await page.getByRole("button", { name: "Multi-target" }).click();
  await expect(page).toHaveURL(/minTargets=2/);
  await expect(page.getByTestId("queue-total")).toHaveText(`${multi.length} pending pairs in this queue`);
  await expect(page.getByTestId("queue-row").first()).toBeVisible();
  for (const row of await page.getByTestId("queue-row").allTextContents()) expect(row).toMatch(/[2-9] targets/);

  // A shared link opens the same pair in the same queue; j follows that queue.
  const second = multi[1]!;
  await page.goto(`/review/${encodeURIComponent(multi[0]!)}?split=MMR_sample&minTargets=2`);
  await review.expectOpen(multi[0]!);
  await review.press("j");
  await review.expectOpen(second);

  // Full-text search.
  await page.getByLabel("Search").fill("onerror");
  await expect(page).toHaveURL(/q=onerror/);
  await expect(page.getByTestId("queue-row")).toHaveCount(1);
});
