import { test, expect } from "./fixtures";
import { pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("a reload in the middle keeps the position, the filters and the decisions", async ({ page, request }) => {
  const ids = await pairIds(request, { minTargets: "2" });
  const [p0, p1, p2] = ids as [string, string, string];
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(p0)}?split=MMR_sample&minTargets=2`);
  await review.expectOpen(p0);
  await review.press("a");
  await review.expectOpen(p1);
  await review.rejectWith(2);
  await review.expectOpen(p2);
  await expect(review.queueRow(p1)).toHaveAttribute("data-status", "rejected");

  await page.reload();
  await review.expectOpen(p2);
  await expect.poll(() => new URL(page.url()).searchParams.get("minTargets")).toBe("2");
  await expect(review.queueRow(p0)).toHaveAttribute("data-status", "accepted");
  await expect(review.queueRow(p1)).toHaveAttribute("data-status", "rejected");
  await review.press("k");
  await review.expectOpen(p1);
  await review.expectStatus("rejected");
});

test("j moves at once and the address bar follows: one history entry per move, Back walks them", async ({ page, request }) => {
  const [p0, p1, p2, p3] = (await pairIds(request)) as [string, string, string, string];
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(p0)}?split=MMR_sample`);
  await review.expectOpen(p0);
  // Three moves in one go, faster than frames: each still gets its own entry, in order.
  await review.press("j", "j", "j");
  await review.expectOpen(p3);
  await page.goBack();
  await review.expectOpen(p2);
  await page.goBack();
  await review.expectOpen(p1);
  await page.goForward();
  await review.expectOpen(p2);
  // A move after Back replaces the entries ahead, as browsers do.
  await review.press("k");
  await review.expectOpen(p1);
  await page.goBack();
  await review.expectOpen(p2);
});
