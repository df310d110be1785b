import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { sampleSplit } from "./pages/api";
import { ReviewPage, seedReviewer } from "./pages/reviewPage";

/*
 * Comments (issue 11): ann asks about a pair and mentions bob; bob, with the same pair open in
 * another browser, sees the comment arrive live, finds the pair under "Mentions me", and ann's
 * "Send to discussion" moves her on without deciding. Dataset-like text stays text.
 */

const pairId = `${sampleSplit}:101:0`;

async function person(browser: Browser, baseURL: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await seedReviewer(page, name);
  return page;
}

test("a comment with a mention arrives live, is found by mentions me, and send to discussion decides nothing", async ({ browser, server, request }) => {
  const ann = await person(browser, server.url, "ann");
  const bob = await person(browser, server.url, "bob");
  const path = `/review/${encodeURIComponent(pairId)}?split=${sampleSplit}`;
  const annReview = new ReviewPage(ann);
  const bobReview = new ReviewPage(bob);
  await ann.goto(path);
  await annReview.expectOpen(pairId);
  await bob.goto(path);
  await bobReview.expectOpen(pairId);

  const annThread = ann.getByTestId("comment-thread");
  await annThread.getByLabel("New comment").fill("Left or right mug? @bob <img src=x onerror=alert(1)>");
  await annThread.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(annThread.locator(".comment__text")).toHaveText("Left or right mug? @bob <img src=x onerror=alert(1)>");
  // Live: bob never reloads.
  await expect(bob.getByTestId("comment-thread").locator(".comment__text")).toHaveText("Left or right mug? @bob <img src=x onerror=alert(1)>");
  await expect(bob.locator(".comment--mentions-me")).toHaveCount(1);

  await bob.goto(`/rounds?split=${sampleSplit}`);
  await bob.getByLabel(/Mentions me/).check();
  await expect(bob.getByTestId("discussed-pairs").getByRole("link", { name: pairId })).toBeVisible();

  // Send to discussion: a comment marked as such, the next pair opens, the pair stays pending.
  await annThread.getByLabel("New comment").fill("not sure, needs a lead");
  await annThread.getByRole("button", { name: "Send to discussion" }).click();
  await expect(ann).toHaveURL(new RegExp(encodeURIComponent(`${sampleSplit}:101:1`)));
  const detail = (await (await request.get(`/api/pairs/${encodeURIComponent(pairId)}`)).json()) as { decision: unknown };
  expect(detail.decision).toBeNull();
  const discussed = (await (await request.get(`/api/comments?split=${sampleSplit}`)).json()) as { pairs: { pairId: string; comments: number; discussion: boolean }[] };
  expect(discussed.pairs).toEqual([expect.objectContaining({ pairId, comments: 2, discussion: true })]);
});
