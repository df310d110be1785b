import { test, expect } from "./fixtures";
import { pairIds, sampleSplit } from "./pages/api";
import { seedReviewer } from "./pages/reviewPage";
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
  await expect(page.getByTestId("chart-activity").locator("g[data-row]")).toHaveCount(2);
  const agreement = page.getByTestId("chart-agreement");
  await expect(agreement.locator('g[data-row="ana|bo"]')).toHaveAttribute("data-total", "2");
  await expect(agreement).toContainText("50% of 2");

  // A histogram column opens the gallery on exactly that target count.
  const twoTargets = stats.targetHistogram["2"] ?? 0;
  await page.getByTestId("chart-targets").locator('g[data-column="2"] a').click();
  await expect(page).toHaveURL(/\/gallery\?.*minTargets=2&maxTargets=2/);
  expect(new URL(page.url()).searchParams.get("split")).toBe(sampleSplit);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${twoTargets} of ${twoTargets} pairs`);

  // A rejected segment of the progress bar opens the split's rejected pairs.
  await page.goBack();
  await page.getByTestId("chart-progress").locator('rect[data-segment="rejected"]').click();
  await expect(page).toHaveURL(/\/gallery\?.*status=rejected/);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${stats.byStatus.rejected} of ${stats.byStatus.rejected} pairs`);
});
