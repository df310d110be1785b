import { test, expect } from "./fixtures";
import { pairIds, sampleSplit } from "./pages/api";
import { queueTotalPattern, seedReviewer } from "./pages/reviewPage";
import { statsSchema } from "../src/shared/api";
import type { APIRequestContext } from "@playwright/test";

async function decide(request: APIRequestContext, id: string, status: "accepted" | "rejected", reviewer: string, baseVersion: number, reasons: string[] = []) {
  const response = await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, {
    data: { status, reviewer, baseVersion, reasons: status === "rejected" ? reasons : [] },
  });
  expect(response.status()).toBe(200);
}

test("dashboard charts render with the right totals and link to the pairs they count", async ({ page, request }) => {
  const ids = await pairIds(request);
  // Ana decides six pairs; Bo re-decides two of them (agreeing on one) and one more.
  await decide(request, ids[0]!, "accepted", "ana", 0);
  await decide(request, ids[1]!, "rejected", "ana", 0, ["wrong_target", "bad_mask"]);
  await decide(request, ids[2]!, "rejected", "ana", 0, ["ambiguous"]);
  await decide(request, ids[3]!, "accepted", "ana", 0);
  await decide(request, ids[4]!, "accepted", "ana", 0);
  await decide(request, ids[5]!, "rejected", "ana", 0, ["wrong_target"]);
  await decide(request, ids[0]!, "accepted", "bo", 1);
  await decide(request, ids[1]!, "accepted", "bo", 1);
  await decide(request, ids[6]!, "rejected", "bo", 0, ["language"]);
  // The dashboard counts the split picked in the top bar; the sample has one split, so these equal the global totals.
  const stats = statsSchema.parse(await (await request.get(`/api/stats?split=${sampleSplit}`)).json());
  const global = statsSchema.parse(await (await request.get("/api/stats")).json());
  expect(stats.total).toBe(global.total);
  expect(stats.splits.map((s) => s.name)).toEqual([sampleSplit]);

  await seedReviewer(page, "e2e-lead");
  await page.goto(`/dashboard?split=${sampleSplit}`);
  const summary = page.getByTestId("dashboard-summary");
  await expect(summary).toHaveAttribute("data-total", String(stats.total));
  await expect(summary).toHaveAttribute("data-decided", String(stats.byStatus.accepted + stats.byStatus.rejected));
  await expect(summary).toContainText(`${stats.byStatus.rejected} rejected`);
  await expect(page.getByTestId("dashboard-split")).toHaveText(sampleSplit);

  await expect(page.getByTestId("chart-progress")).toHaveAttribute("data-total", String(stats.total));
  await expect(page.getByTestId("chart-granularity")).toHaveAttribute("data-total", String(stats.total));
  await expect(page.getByTestId("chart-targets")).toHaveAttribute("data-total", String(stats.total));
  const reasonTotal = Object.values(stats.byReason).reduce((n, v) => n + v, 0);
  await expect(page.getByTestId("chart-reasons")).toHaveAttribute("data-total", String(reasonTotal));
  const flagTotal = Object.values(stats.byFlag).reduce((n, c) => n + c.pending + c.accepted + c.rejected, 0);
  if (flagTotal > 0) await expect(page.getByTestId("chart-flags")).toHaveAttribute("data-total", String(flagTotal));
  // Nine writes that decided something, by two reviewers.
  await expect(page.getByTestId("chart-activity")).toHaveAttribute("data-total", "9");
  await expect(page.getByTestId("chart-activity").locator("tr[data-row]")).toHaveCount(2);
  const agreement = page.getByTestId("chart-agreement");
  await expect(agreement.locator('[data-row="ana|bo"]')).toHaveAttribute("data-total", "2");
  await expect(agreement).toContainText("50% of 2");
  // Stacked bars say which colour is which status.
  await expect(page.getByTestId("chart-progress").getByRole("list", { name: "Legend" })).toHaveText(/accepted.*rejected.*pending/);

  // A cell of the reviewer-by-hour grid opens the pairs that reviewer decided in that hour.
  await page.getByTestId("chart-activity").locator('tr[data-row="bo"] a[title*="3 decisions"]').first().click();
  await expect(page).toHaveURL(/decidedBy=bo&decidedHour=\d{4}-\d{2}-\d{2}T\d{2}/);
  await expect(page.getByTestId("gallery-count")).toHaveText("3 of 3 pairs");
  await expect(page.getByRole("button", { name: /^Remove filter: decided by bo on / })).toBeVisible();
  await page.goBack();

  // A histogram column opens the gallery on exactly that target count.
  const twoTargets = stats.targetHistogram["2"] ?? 0;
  await page.getByTestId("chart-targets").locator('[data-column="2"] a').click();
  await expect(page).toHaveURL(/\/gallery\?.*minTargets=2&maxTargets=2/);
  expect(new URL(page.url()).searchParams.get("split")).toBe(sampleSplit);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${twoTargets} of ${twoTargets} pairs`);

  // A rejected segment of the progress bar opens the split's rejected pairs.
  await page.goBack();
  await page.getByTestId("chart-progress").locator('a[data-segment="rejected"]').click();
  await expect(page).toHaveURL(/\/gallery\?.*status=rejected/);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${stats.byStatus.rejected} of ${stats.byStatus.rejected} pairs`);
});

test("the agreement link opens exactly the disagreeing pairs, and every dashboard filter shows in the gallery and in Review", async ({ page, request }) => {
  const ids = await pairIds(request, { minTargets: "2" });
  await decide(request, ids[0]!, "accepted", "ana", 0);
  await decide(request, ids[1]!, "rejected", "ana", 0, ["wrong_target"]);
  await decide(request, ids[2]!, "accepted", "ana", 0);
  await decide(request, ids[0]!, "accepted", "bo", 1);
  await decide(request, ids[1]!, "accepted", "bo", 1);
  await decide(request, ids[2]!, "rejected", "bo", 1, ["wrong_target"]);
  await seedReviewer(page, "e2e-lead");
  await page.goto(`/dashboard?split=${sampleSplit}`);

  // Two of the three shared pairs differ: the red segment opens those two, not all of bo's pairs.
  await page.getByTestId("chart-agreement").locator('a[data-segment="disagreed"]').click();
  await expect(page.getByTestId("gallery-count")).toHaveText("2 of 2 pairs");
  const cards = await page.getByTestId("gallery-card").evaluateAll((els) => els.map((el) => el.getAttribute("data-pair-id")).sort());
  expect(cards).toEqual([ids[1], ids[2]].sort());
  await expect(page.getByRole("button", { name: "Remove filter: ana and bo disagree" })).toBeVisible();

  // A reason link: the reason control reads it, and Enter carries it into Review's controls.
  await page.goto(`/dashboard?split=${sampleSplit}`);
  await page.getByTestId("chart-reasons").locator('a[data-segment="wrong_target"]').click();
  await expect(page).toHaveURL(/reason=wrong_target/);
  const filters = page.getByTestId("filter-bar");
  await expect(filters.getByLabel("Reject reason")).toHaveValue("wrong_target");
  await expect(filters.getByLabel("Minimum targets")).toHaveValue("0");
  // ana's reject of ids[1] was overwritten by bo; bo's reject of ids[2] is the one current wrong_target.
  await expect(page.getByTestId("gallery-count")).toHaveText("1 of 1 pairs");
  await page.getByTestId("gallery-card").first().click();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/review/${encodeURIComponent(ids[2]!)}\\?.*reason=wrong_target`));
  const queue = page.getByTestId("filter-bar");
  await expect(queue.getByLabel("Reject reason")).toHaveValue("wrong_target");
  await expect(page.getByTestId("queue-total")).toHaveText(queueTotalPattern(1));
});

test("a histogram link for 8+ targets shows its range in the gallery's target controls", async ({ page }) => {
  await seedReviewer(page, "e2e-lead");
  await page.goto(`/gallery?split=${sampleSplit}&minTargets=8`);
  await expect(page.getByTestId("filter-bar").getByLabel("Minimum targets")).toHaveValue("8");
  await expect(page.getByTestId("filter-bar").getByLabel("Maximum targets")).toHaveValue("");
});

test("Review pending pairs opens the pending queue; decided pairs are one click away", async ({ page, request }) => {
  const ids = await pairIds(request);
  await decide(request, ids[0]!, "accepted", "ana", 0);
  await seedReviewer(page, "e2e-lead");
  await page.goto(`/dashboard?split=${sampleSplit}`);
  await page.getByRole("link", { name: "Review pending pairs →" }).click();
  await expect(page).toHaveURL(/\/review\/[^?]+\?.*status=pending/);
  await expect(page.getByTestId("filter-bar").getByLabel("Status")).toHaveValue("pending");
  const stats = statsSchema.parse(await (await request.get(`/api/stats?split=${sampleSplit}`)).json());
  await expect(page.getByTestId("queue-total")).toHaveText(queueTotalPattern(stats.byStatus.pending));
  await page.getByTestId("filter-bar").getByLabel("Status").selectOption("");
  await expect(page.getByTestId("queue-total")).toHaveText(queueTotalPattern(stats.total));
});
