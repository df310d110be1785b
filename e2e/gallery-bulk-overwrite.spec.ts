import { test, expect } from "./fixtures";
import { pairDetail, pairIds } from "./pages/api";
import { GalleryPage } from "./pages/galleryPage";

test("a bulk reject says how many decided pairs it would overwrite and skips them unless told otherwise", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  const chosen = multi.slice(0, 4);
  const gallery = await GalleryPage.open(page);

  // Accept the first card on its own (a), so one of the four is already decided.
  await gallery.card(chosen[0]!).click();
  await gallery.card(chosen[0]!).click();
  const first = await pairDetail(request, chosen[0]!);
  test.skip(first.flags.length > 0, "the first multi-target pair of the sample is flagged");
  await gallery.press("a");
  await expect(gallery.card(chosen[0]!)).toHaveAttribute("data-status", "accepted");
  await expect.poll(async () => (await pairDetail(request, chosen[0]!)).decision?.status).toBe("accepted");

  await gallery.card(chosen[0]!).click();
  await gallery.card(chosen[3]!).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("gallery-selected")).toHaveText("4 selected");
  await page.getByRole("button", { name: "Reject selected…" }).click();

  // The dialog states the overwrite and skips it by default.
  const overwrite = gallery.dialog.getByTestId("bulk-overwrite");
  await expect(overwrite).toContainText("1 pair is already decided (1 accepted)");
  await expect(overwrite.getByRole("checkbox", { name: /Skip the 1 decided pair/ })).toBeChecked();
  await expect(gallery.dialog).toContainText("Reject 3 pairs?");
  await gallery.press("1");
  await gallery.dialog.getByRole("button", { name: "Reject 3 pairs" }).click();
  for (const id of chosen.slice(1)) await expect(gallery.card(id)).toHaveAttribute("data-status", "rejected");
  await expect(gallery.card(chosen[0]!)).toHaveAttribute("data-status", "accepted");
  expect((await pairDetail(request, chosen[0]!)).decision?.status).toBe("accepted");

  // Told to overwrite, it writes all four.
  await page.getByRole("button", { name: "Reject selected…" }).click();
  await expect(overwrite).toContainText("4 pairs are already decided (1 accepted, 3 rejected)");
  await overwrite.getByRole("checkbox").uncheck();
  await expect(overwrite).toContainText("overwrites those decisions");
  await gallery.press("3");
  await gallery.dialog.getByRole("button", { name: "Reject 4 pairs" }).click();
  await expect(gallery.card(chosen[0]!)).toHaveAttribute("data-status", "rejected");
  await expect.poll(async () => (await pairDetail(request, chosen[0]!)).decision?.reasons).toEqual(["extra_target"]);
});
