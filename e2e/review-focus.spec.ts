import { test, expect } from "./fixtures";
import { ReviewPage } from "./pages/reviewPage";

const pair = "MMR_sample:101:4";

test("the queue and the instances are one Tab stop each; instance rows are reachable by keyboard", async ({ page }) => {
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(pair)}?split=MMR_sample`);
  await review.expectOpen(pair);

  // From the queue to Accept in a handful of Tabs (it took 64 when every row was a stop).
  await page.getByTestId("queue-list").focus();
  const accept = page.getByTestId("accept-button");
  let tabs = 0;
  while (!(await accept.evaluate((el) => el === document.activeElement)) && tabs < 60) {
    await page.keyboard.press("Tab");
    tabs++;
  }
  expect(tabs).toBeLessThan(20);

  // The queue moves with the arrows and opens with Enter.
  await page.getByTestId("queue-list").focus();
  await review.press("ArrowDown", "Enter");
  await expect(review.panel).not.toHaveAttribute("data-pair-id", pair);
  await review.press("k");
  await review.expectOpen(pair);

  // Instances: the first name takes the keyboard, ↓ moves along, focus highlights the mask, Enter zooms.
  const names = page.getByTestId("instances-panel").locator("[data-instance-name]");
  await names.first().focus();
  await review.press("ArrowDown");
  await expect(names.nth(1)).toBeFocused();
  const index = Number(await names.nth(1).locator("xpath=ancestor::*[@data-annotation-index][1]").getAttribute("data-annotation-index"));
  await expect.poll(async () => (await review.probe()).hovered).toBe(index);
  const before = (await review.probe()).viewport;
  await review.press("Enter");
  await expect.poll(async () => (await review.probe()).viewport).not.toEqual(before);
  const tabStops = await names.evaluateAll((els) => els.filter((el) => (el as HTMLElement).tabIndex === 0).length);
  expect(tabStops).toBe(1);

  // The legend: one Tab stop, → reaches the first target's eye, which hides its mask.
  const legend = page.getByTestId("legend");
  await legend.getByRole("button").first().focus();
  await review.press("ArrowRight");
  await expect(legend.getByRole("button", { name: "Show target 1" })).toBeFocused();
  await review.press("Enter");
  await expect.poll(async () => (await review.probe()).hiddenTargets.length).toBe(1);
  await expect(legend.getByRole("button", { name: "Show target 1" })).toHaveAttribute("aria-pressed", "false");
});
