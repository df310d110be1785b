import { test, expect } from "./fixtures";
import { pairDetail, pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

/** The first pair of the sample with no flag, at least one target, and a next pair. */
async function cleanPair(request: Parameters<typeof pairDetail>[0]): Promise<{ id: string; next: string }> {
  const ids = await pairIds(request);
  for (let i = 0; i + 1 < ids.length; i++) {
    const detail = await pairDetail(request, ids[i]!);
    if (detail.flags.length === 0 && detail.targets.length > 0) return { id: ids[i]!, next: ids[i + 1]! };
  }
  throw new Error("no clean pair in the sample");
}

test("an edit draft survives j, k and a reload, and Esc asks before dropping it", async ({ page, request }) => {
  const { id, next } = await cleanPair(request);
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(id)}?split=MMR_sample&status=pending`);
  await review.expectOpen(id);

  // `e` puts the keyboard in the answer field.
  await review.press("e");
  const answer = page.getByTestId("edit-panel").getByLabel(/Text answer/);
  await expect(answer).toBeFocused();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Draft words.");
  const typed = await answer.inputValue();
  expect(typed).toMatch(/Draft words\.$/);

  // Leave the field, then j: the draft is kept for this pair and the queue row says so.
  await review.canvasArea.focus();
  await review.press("j");
  await review.expectOpen(next);
  expect((await review.draft()).saved).toEqual([id]);
  await expect(review.queueRow(id)).toContainText("draft");

  // k: back on the pair, the draft is open again with a notice.
  await review.press("k");
  await review.expectOpen(id);
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(answer).toHaveValue(typed);

  // A reload keeps it too.
  await page.reload();
  await review.expectOpen(id);
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(answer).toHaveValue(typed);

  // Esc asks; Esc again (or Keep editing) keeps the draft; Discard drops it.
  await review.canvasArea.focus();
  await review.press("Escape");
  const dialog = page.getByTestId("discard-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep editing" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Discard changes" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Keep editing" })).toBeFocused();
  await review.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(answer).toHaveValue(typed);
  await review.press("Escape");
  await dialog.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByTestId("edit-panel")).toBeHidden();
  expect((await review.draft()).saved).toEqual([]);
  // Nothing reached the server.
  expect((await pairDetail(request, id)).decision).toBeNull();
});

test("a on a pair the loader cannot use stays on the pair and says why; fixing the answer makes Accept available", async ({ page, request }) => {
  const id = "MMR_sample:101:5";
  const before = await pairDetail(request, id);
  expect(before.flags).toContain("seg_count");
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(id)}?split=MMR_sample`);
  await review.expectOpen(id);

  await expect(page.getByTestId("accept-why")).toContainText("seg_count");
  await review.press("a");
  await review.expectOpen(id);
  await expect(page.getByTestId("accept-why")).toContainText(`still on ${id}`);
  await expect(page.getByTestId("accept-why")).toHaveAttribute("role", "alert");
  await review.expectStatus("pending");
  expect((await pairDetail(request, id)).decision).toBeNull();

  // Edit: one placeholder per target, and Accept is available again.
  await review.press("e");
  await page.getByRole("button", { name: /missing \{seg\} at the end/ }).click();
  await expect(page.getByTestId("placeholder-check")).toContainText("✓");
  await expect(page.getByTestId("accept-why")).toBeHidden();
  await expect(page.getByTestId("accept-button")).not.toHaveAttribute("aria-disabled", "true");
  await review.press("Control+Enter");
  await expect.poll(async () => (await pairDetail(request, id)).decision?.status).toBe("accepted");
});

test("a restored draft says when someone decided the pair since it was begun", async ({ page, request }) => {
  const { id } = await cleanPair(request);
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(id)}?split=MMR_sample`);
  await review.expectOpen(id);
  await review.press("e");
  await expect(page.getByTestId("edit-panel").getByLabel(/Text answer/)).toBeFocused();
  await page.keyboard.type(" x");
  expect((await review.draft()).changed).toBe(true);

  await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, {
    headers: { "content-type": "application/json" },
    data: { status: "rejected", reasons: ["ambiguous"], note: "", reviewer: "someone", baseVersion: 0 },
  });
  await page.reload();
  await review.expectOpen(id);
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(page.getByTestId("draft-stale")).toContainText("now rejected by someone");
});
