import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures";
import { sampleSplit } from "./pages/api";
import { seedReviewer } from "./pages/reviewPage";

/*
 * Live round events (issue 11): the lead keeps the Rounds screen, then the adjudication queue, open
 * while ann and bob vote (here through the API, as their browsers would); both follow each vote
 * without a reload and without waiting for a poll (the screens no longer poll).
 */

async function vote(request: APIRequestContext, reviewer: string, status: "accepted" | "rejected"): Promise<string> {
  const next = await request.post("/api/rounds/next", { data: { reviewer } });
  const { lease } = (await next.json()) as { lease: { pairId: string } };
  const body = status === "accepted" ? { status, reviewer } : { status, reviewer, reasons: ["other"] };
  const put = await request.put(`/api/rounds/1/pairs/${encodeURIComponent(lease.pairId)}/vote`, { data: body });
  expect(put.status()).toBe(200);
  return lease.pairId;
}

test("the Rounds screen and the adjudication queue follow votes live", async ({ page, request }) => {
  await seedReviewer(page, "lea");
  const created = await request.post("/api/rounds", { data: { split: sampleSplit, overlap: 2, reviewers: ["ann", "bob"], filter: { status: "pending" } } });
  expect(created.status()).toBe(201);

  await page.goto(`/rounds?split=${sampleSplit}`);
  // The row's Progress cell (round, pairs, progress, …).
  const row = page.getByTestId("round-1").locator("td").nth(2);
  await expect(row).toContainText(/^0 of \d+ votes/);
  const first = await vote(request, "ann", "accepted");
  await expect(row).toContainText(/^1 of \d+ votes/, { timeout: 5_000 });
  expect(await vote(request, "bob", "accepted")).toBe(first);
  await expect(row).toContainText("agreed 1", { timeout: 5_000 });

  await page.goto("/rounds/1/adjudication");
  await expect(page.getByText("Nothing to adjudicate")).toBeVisible();
  const second = await vote(request, "ann", "accepted");
  expect(await vote(request, "bob", "rejected")).toBe(second);
  await expect(page.getByTestId("adjudication-pair").getByRole("heading", { name: second })).toBeVisible({ timeout: 5_000 });
});
