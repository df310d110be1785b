import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { exportSplit, sampleSplit } from "./pages/api";
import { ReviewPage, seedReviewer } from "./pages/reviewPage";

/*
 * Issue 11's round trip with three people in three browser contexts: the lead (lea) makes an
 * overlap-2 round of the sample's pending pairs for ann and bob; both take pairs with "next" and
 * vote blind; they agree on the first pair (its decision is final at once) and disagree on the
 * second, which lands in adjudication; lea decides it; the export holds her decision and the
 * decision log both votes. The server runs in solo mode (no accounts): each context is a reviewer
 * by the name it keeps in the browser, as before accounts.
 */

const first = `${sampleSplit}:101:0`;
const second = `${sampleSplit}:101:1`;

async function person(browser: Browser, baseURL: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await seedReviewer(page, name);
  return page;
}

async function startReviewing(page: Page): Promise<ReviewPage> {
  await page.goto(`/rounds?split=${sampleSplit}`);
  await page.getByRole("button", { name: "Start reviewing round 1" }).click();
  const review = new ReviewPage(page);
  await expect(page.getByTestId("round-bar")).toBeVisible();
  return review;
}

test("a lead runs an overlap-2 round: blind votes, agreement, adjudication, export and log", async ({ browser, server, request }) => {
  test.setTimeout(120_000);
  const lea = await person(browser, server.url, "lea");
  const ann = await person(browser, server.url, "ann");
  const bob = await person(browser, server.url, "bob");

  // The lead makes the round over the pending queue.
  await lea.goto(`/rounds?split=${sampleSplit}&status=pending`);
  await expect(lea.getByText("status=pending")).toBeVisible();
  await lea.getByLabel("Overlap (votes per pair)").fill("2");
  await lea.getByLabel("Reviewers (user names)").fill("ann, bob");
  await lea.getByRole("button", { name: "Create round" }).click();
  await expect(lea.getByRole("status")).toHaveText(/Round 1 created with \d+ pairs/);
  await expect(lea.getByTestId("round-1")).toContainText("0 of");
  const serious = (await new AxeBuilder({ page: lea }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // ann accepts the first two pairs next hands her.
  const annReview = await startReviewing(ann);
  await annReview.expectOpen(first);
  await annReview.press("a");
  await annReview.expectOpen(second);
  await expect(ann).toHaveURL(/round=1/);
  await annReview.press("a");
  await expect(ann.getByText(/Voted accept on MMR_sample:101:1/)).toBeVisible();

  // bob gets the same two pairs (each needs two votes) and sees nothing of ann's vote first.
  const bobReview = await startReviewing(bob);
  await bobReview.expectOpen(first);
  await expect(bob.getByTestId("round-bar")).toContainText("1 of 2 votes");
  await expect(bob.getByText("Others' votes stay hidden until you vote (blind round).")).toBeVisible();
  await expect(bob.getByTestId("votes-side-by-side")).toHaveCount(0);
  await bobReview.press("a");
  await expect(bob.getByText(/the votes agree: the decision is final/)).toBeVisible();
  await bobReview.expectOpen(second);
  await bobReview.rejectWith(1);
  await expect(bob.getByText(/the votes differ: a lead will adjudicate/)).toBeVisible();

  // The lead adjudicates: the votes side by side, then ann's accept is the decision.
  await lea.goto("/rounds/1/adjudication");
  const pair = lea.getByTestId("adjudication-pair");
  await expect(pair).toHaveCount(1);
  await expect(pair.getByRole("heading", { name: second })).toBeVisible();
  await expect(pair.getByTestId("votes-side-by-side")).toContainText("ann: accept");
  await expect(pair.getByTestId("votes-side-by-side")).toContainText("bob: reject");
  const seriousHere = (await new AxeBuilder({ page: lea }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(seriousHere.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await pair.getByRole("button", { name: "Decide as ann (accept)" }).click();
  await expect(lea.getByText("Nothing to adjudicate")).toBeVisible();

  // The export holds the adjudicated result; the log holds both votes of each pair.
  const log = (await (await request.get(`/api/insights/decision-log?split=${sampleSplit}`)).text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { id: string; status: string; reviewer: string; votes?: { reviewer: string; status: string }[] });
  const byId = new Map(log.map((entry) => [entry.id, entry]));
  expect(byId.get(first)).toMatchObject({ status: "accepted", reviewer: "ann & bob" });
  expect(byId.get(second)).toMatchObject({ status: "accepted", reviewer: "lea" });
  expect(byId.get(second)?.votes?.map((v) => [v.reviewer, v.status])).toEqual([
    ["ann", "accepted"],
    ["bob", "rejected"],
  ]);
  const detail = (await (await request.get(`/api/pairs/${encodeURIComponent(second)}`)).json()) as { question: string };
  const record = (await exportSplit(request)).find((r) => r.image_id === 101);
  expect(record?.questions).toContain(detail.question);
  // A pair of the round nobody decided yet is not exported: the record holds decided pairs only.
  const pending = (await (await request.get(`/api/pairs/${encodeURIComponent(`${sampleSplit}:101:2`)}`)).json()) as { question: string };
  expect(record?.questions).not.toContain(pending.question);
});
