import { test, expect } from "./fixtures";
import { history, pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("a refused write rolls the pair back and says so", async ({ page, request }) => {
  const [p0, p1] = (await pairIds(request)) as [string, string];
  const review = await ReviewPage.open(page);
  await review.expectOpen(p0);
  await page.route("**/api/pairs/*/decision", (route) =>
    route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "disk full" } }) }),
  );
  await review.press("a");
  await review.expectOpen(p1);
  await expect(page.getByRole("alert").filter({ hasText: "disk full" })).toBeVisible();
  await expect(review.queueRow(p0)).toHaveAttribute("data-status", "pending");
  await review.press("k");
  await review.expectStatus("pending");
  expect(await history(request, p0)).toHaveLength(0);
});
