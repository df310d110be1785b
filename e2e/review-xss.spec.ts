import { test, expect } from "./fixtures";
import { pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("a question holding HTML is shown as text, never run", async ({ page, request }) => {
  const [id] = await pairIds(request, { q: "onerror" });
  expect(id, "the sample has a question with <img src=x onerror=…>").toBeDefined();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(id!)}?split=MMR_sample`);
  await review.expectOpen(id!);
  await expect(page.getByTestId("question")).toContainText("<img src=x onerror=");
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // The queue row shows the same text as text.
  await expect(review.queueRow(id!)).toContainText("<img src=x onerror=");
  expect(dialogs).toEqual([]);
});
