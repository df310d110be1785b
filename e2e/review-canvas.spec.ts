import { test } from "./fixtures";
import { pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("the canvas is ready with the right pair after every move", async ({ page, request }) => {
  const ids = await pairIds(request);
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(ids[0]!)}?split=MMR_sample`);
  await review.expectOpen(ids[0]!);
  for (let i = 1; i <= 6; i++) {
    await review.press("j");
    await review.expectOpen(ids[i]!);
  }
  for (let i = 5; i >= 3; i--) {
    await review.press("k");
    await review.expectOpen(ids[i]!);
  }
  // A click on a queue row moves too.
  await review.queueRow(ids[8]!).click();
  await review.expectOpen(ids[8]!);
});
