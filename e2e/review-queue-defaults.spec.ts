import { test, expect } from "./fixtures";
import { pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("the default queue is the pending pairs, and the header count agrees with the chips after a decision", async ({ page, request }) => {
  const all = await pairIds(request);
  const review = await ReviewPage.open(page, "/");
  await review.expectOpen(all[0]!);
  await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("pending");
  const total = page.getByTestId("queue-total");
  const chip = page.getByRole("button", { name: /^pending \d+/ });
  await expect(total).toHaveText(`${all.length} pending pairs in this queue`);
  await expect(chip).toHaveText(`pending ${all.length}`);

  // Accept the first clean pair on the way: both counts drop together.
  for (;;) {
    const why = page.getByTestId("accept-why");
    if (!(await why.isVisible())) break;
    await review.press("j");
  }
  await review.press("a");
  await expect(total).toHaveText(`${all.length - 1} pending pairs in this queue`);
  await expect(chip).toHaveText(`pending ${all.length - 1}`);

  // The dashboard's "Review pending pairs" opens the same pending queue.
  await page.goto("/dashboard?split=MMR_sample");
  await page.getByRole("link", { name: /Review pending pairs/ }).click();
  await expect(page).toHaveURL(/status=pending/);
});
