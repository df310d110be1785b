import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { sampleSplit } from "./pages/api";
import { ReviewPage, seedReviewer } from "./pages/reviewPage";

/*
 * Comment edits (issue 11): ann fixes her comment (the mention moves from bob to cat); bob, on the
 * same pair in another browser, sees the new text marked "edited" without reloading, and has no
 * Edit button on a comment that is not his.
 */

const pairId = `${sampleSplit}:101:0`;

async function person(browser: Browser, baseURL: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await seedReviewer(page, name);
  return page;
}

test("the author edits a comment; the other reviewer sees it edited, live, and cannot edit it", async ({ browser, server, request }) => {
  const ann = await person(browser, server.url, "ann");
  const bob = await person(browser, server.url, "bob");
  const path = `/review/${encodeURIComponent(pairId)}?split=${sampleSplit}`;
  await ann.goto(path);
  await new ReviewPage(ann).expectOpen(pairId);
  await bob.goto(path);
  await new ReviewPage(bob).expectOpen(pairId);

  const annThread = ann.getByTestId("comment-thread");
  await annThread.getByLabel("New comment").fill("Left mug? @bob");
  await annThread.getByRole("button", { name: "Comment", exact: true }).click();
  const bobThread = bob.getByTestId("comment-thread");
  await expect(bobThread.locator(".comment__text")).toHaveText("Left mug? @bob");
  await expect(bobThread.getByRole("button", { name: /^Edit your comment/ })).toHaveCount(0);

  await annThread.getByRole("button", { name: /^Edit your comment/ }).click();
  await annThread.getByLabel("Edit comment").fill("Right mug, <b>sorry</b> @cat");
  await annThread.getByRole("button", { name: "Save" }).click();
  await expect(annThread.locator(".comment__text")).toHaveText("Right mug, <b>sorry</b> @cat");
  await expect(annThread.getByText("· edited")).toBeVisible();

  // Live on bob's screen, as text; the mention of him is gone.
  await expect(bobThread.locator(".comment__text")).toHaveText("Right mug, <b>sorry</b> @cat");
  await expect(bobThread.getByText("· edited")).toBeVisible();
  await expect(bob.locator(".comment--mentions-me")).toHaveCount(0);
  const thread = (await (await request.get(`/api/comments/pairs/${encodeURIComponent(pairId)}`)).json()) as { comments: { mentions: string[] }[] };
  expect(thread.comments.map((c) => c.mentions)).toEqual([["cat"]]);
});
