import { test, expect } from "./fixtures";
import { pairIds, sampleSplit } from "./pages/api";
import { GalleryPage } from "./pages/galleryPage";
import { openAs, queueTotalPattern, ReviewPage } from "./pages/reviewPage";

/* One filter bar in Review and Gallery: what the URL says is what the controls show and count. */

test("the default queue is pending, and its header agrees with the status chips after a decision", async ({ page, request }) => {
  const all = await pairIds(request);
  const review = await ReviewPage.open(page, "/");
  await expect(page).toHaveURL(/status=pending/);
  const filters = page.getByTestId("filter-bar");
  await expect(filters.getByLabel("Status")).toHaveValue("pending");
  await expect(page.getByTestId("queue-total")).toHaveText(queueTotalPattern(all.length));

  await review.press("a");
  // The decision is shown at once; the header and the pending chip move together.
  const pendingChip = page.getByRole("button", { name: /^pending \d+/ });
  await expect(pendingChip).toHaveText(`pending ${all.length - 1}`);
  await expect(page.getByTestId("queue-total")).toHaveText(queueTotalPattern(all.length - 1));
  await expect(filters.getByLabel("Status").locator("option:checked")).toHaveText(`pending (${all.length - 1})`);
});

test("a filter the bar has no control for is a removable chip; removing it widens the list", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  // No pair is disagreed on yet: the gallery is empty, and says so, with the chip shown.
  await openAs(page, "e2e-lead", `/gallery?split=${sampleSplit}&disagree=ana&disagreeWith=bo`, page.getByTestId("filter-bar"));
  await expect(page.getByText("No pair matches these filters.")).toBeVisible();
  const chip = page.getByRole("button", { name: "Remove filter: ana and bo disagree" });
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(page).not.toHaveURL(/disagree/);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${multi.length} of ${multi.length} pairs`);
});

test("any target range can be typed, in the gallery and in Review alike", async ({ page, request }) => {
  const threeToFour = await pairIds(request, { minTargets: "3", maxTargets: "4" });
  const gallery = await GalleryPage.open(page, `?split=${sampleSplit}`);
  const bar = page.getByTestId("filter-bar");
  await bar.getByLabel("Minimum targets").fill("3");
  await bar.getByLabel("Maximum targets").fill("4");
  await bar.getByLabel("Maximum targets").press("Enter");
  await expect(page).toHaveURL(/minTargets=3&maxTargets=4/);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${threeToFour.length} of ${threeToFour.length} pairs`);
  await gallery.cards.first().click();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pair-panel")).toBeVisible();
  await expect(bar.getByLabel("Minimum targets")).toHaveValue("3");
  await expect(bar.getByLabel("Maximum targets")).toHaveValue("4");
  await expect(page.getByTestId("queue-total")).toHaveText(queueTotalPattern(threeToFour.length));
});

test("the gallery's N of M agrees with the status filter right after a decision", async ({ page, request }) => {
  const pending = await pairIds(request, { minTargets: "2", status: "pending" });
  const gallery = await GalleryPage.open(page, `?split=${sampleSplit}&status=pending`);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${pending.length} of ${pending.length} pairs`);
  await expect(page.getByTestId("filter-bar").getByLabel("Status").locator("option:checked")).toHaveText(`pending (${pending.length})`);
  await gallery.press("a");
  // The accepted card stays in view (marked), but no longer counts as pending.
  await expect(gallery.card(pending[0]!)).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("gallery-count")).toHaveText(`${pending.length - 1} of ${pending.length - 1} pairs`);
  await expect(page.getByTestId("gallery-leaving")).toHaveText("+1 just decided, still shown");
  await expect(page.getByTestId("filter-bar").getByLabel("Status").locator("option:checked")).toHaveText(`pending (${pending.length - 1})`);
});

test("a link's custom reason shows in the reason control; a value that is not valid is named, not applied", async ({ page }) => {
  await openAs(page, "e2e-lead", `/gallery?split=${sampleSplit}&reason=blurry_photo&minTargets=oops`, page.getByTestId("filter-bar"));
  const bar = page.getByTestId("filter-bar");
  await expect(bar.getByLabel("Reject reason")).toHaveValue("blurry_photo");
  await expect(page.getByTestId("filters-ignored")).toHaveText("Not applied (not a valid value): minTargets=oops");
});

test("a target count that is not a number is not applied, and the field shows what is", async ({ page }) => {
  await GalleryPage.open(page, `?split=${sampleSplit}&maxTargets=4`);
  const max = page.getByTestId("filter-bar").getByLabel("Maximum targets");
  await max.fill("four");
  await expect(page).not.toHaveURL(/maxTargets/);
  await max.blur();
  await expect(max).toHaveValue("");
});

test("a queue filtered by discussion: empty says which filter and offers a way out; a comment puts its pair in", async ({ page, request }) => {
  const [p0] = (await pairIds(request, { status: "pending" })) as [string];
  await openAs(page, "e2e-lead", `/review?split=${sampleSplit}&discussion=any`, page.getByTestId("empty-queue"));
  await expect(page.getByTestId("empty-queue")).toContainText("No pair matches this queue's filters (discussion=any).");
  await page.getByRole("link", { name: "Clear filters" }).click();
  const review = new ReviewPage(page);
  await review.expectOpen(p0);

  // A comment, then the Discussion control: the queue holds exactly the commented pair.
  const thread = page.getByTestId("comment-thread");
  await thread.getByLabel("New comment").fill("which cup is meant? @e2e-lead");
  await thread.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(thread.locator(".comment")).toHaveCount(1);
  const bar = page.getByTestId("filter-bar");
  await bar.getByLabel("Discussion").selectOption("Has discussion");
  await expect(page).toHaveURL(/discussion=any/);
  await expect(page.getByTestId("queue-row")).toHaveCount(1);
  await expect(page.getByTestId("queue-row")).toHaveAttribute("data-pair-id", p0);
  await bar.getByLabel("Discussion").selectOption("Sent to discussion");
  await expect(page.getByTestId("queue-row")).toHaveCount(0);
  await bar.getByLabel("Discussion").selectOption("Mentions me (@e2e-lead)");
  await expect(page).toHaveURL(/mentions=e2e-lead/);
  await expect(page).not.toHaveURL(/discussion=/);
  await expect(page.getByTestId("queue-row")).toHaveCount(1);
});
