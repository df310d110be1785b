import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { ReviewPage } from "./pages/reviewPage";

const pair = "MMR_sample:101:4";

/** Serious and critical axe-core violations on the page (or inside `include`), one line each. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

test("the review screen and its dialogs have no serious accessibility violations", async ({ page, request }) => {
  // No live updates here: the conflict view below needs a decision this page has not heard of.
  await page.route("**/api/events?*", (route) => route.abort());
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(pair)}?split=MMR_sample`);
  await review.expectOpen(pair);
  expect(await seriousViolations(page)).toEqual([]);

  // Reject picker
  await review.press("r");
  await expect(page.getByTestId("reason-picker")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await review.press("Escape");

  // Edit mode, and the discard question
  await review.press("e");
  await page.getByLabel(/Text answer/).fill("Changed {seg} {seg} {seg} {seg}.");
  expect(await seriousViolations(page)).toEqual([]);
  await review.canvasArea.focus();
  await review.press("Escape");
  await expect(page.getByTestId("discard-dialog")).toBeVisible();
  expect(await seriousViolations(page, '[data-testid="discard-dialog"]')).toEqual([]);
  await page.getByRole("button", { name: "Discard changes" }).click();

  // Help
  await review.press("?");
  await expect(page.getByTestId("help-overlay")).toBeVisible();
  expect(await seriousViolations(page, '[data-testid="help-overlay"]')).toEqual([]);
  await review.press("Escape");

  // The name dialog: clicking the name opens it without wiping the name; Cancel and Esc keep it.
  await page.getByRole("button", { name: /e2e-curator/ }).click();
  const nameDialog = page.getByTestId("reviewer-dialog");
  await expect(nameDialog).toBeVisible();
  await expect(nameDialog.getByLabel("Reviewer name")).toBeFocused();
  await expect(nameDialog.getByLabel("Reviewer name")).toHaveValue("e2e-curator");
  expect(await seriousViolations(page, '[data-testid="reviewer-dialog"]')).toEqual([]);
  await page.keyboard.press("Shift+Tab");
  await expect(nameDialog.getByRole("button", { name: "Save name" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(nameDialog.getByLabel("Reviewer name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(nameDialog).toBeHidden();
  await expect(page.getByRole("button", { name: /e2e-curator/ })).toBeVisible();

  // The conflict view
  await request.put(`/api/pairs/${encodeURIComponent(pair)}/decision`, {
    headers: { "content-type": "application/json" },
    data: { status: "rejected", reasons: ["ambiguous"], note: "", reviewer: "someone", baseVersion: 0 },
  });
  await review.press("r", "1", "Enter");
  const conflict = page.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  expect(await seriousViolations(page, '[data-testid="conflict-view"]')).toEqual([]);
  // Keep theirs: the pair shows their decision and its history without a reload.
  await conflict.getByRole("button", { name: "Keep theirs" }).click();
  await review.press("k");
  await review.expectOpen(pair);
  await review.expectStatus("rejected");
  await expect(page.getByTestId("history")).toContainText("someone");
});
