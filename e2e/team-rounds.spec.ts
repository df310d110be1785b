import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addUser } from "../src/server/accounts/manage";
import { openStore } from "../src/server/storage/open";
import { createTestDatabase, type TestDatabase } from "../src/server/storage/pg/testDb";
import { sampleSplit, type ExportedRecord } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";
import { startServer, type RunningServer } from "./server";

/*
 * Issue 11 as a team runs it: a `serve` on PostgreSQL with accounts, three people signed in with
 * their own passwords in three browser contexts. The lead (lea) makes an overlap-2 round of the
 * pending pairs for the reviewers ann and bob; each takes pairs with "next" and votes blind; ann
 * asks bob about the second pair in its thread, and bob's "Mentions me" queue shows it live; the
 * two agree on the first pair and disagree on the second, which lands in adjudication; lea decides
 * it. The export (lea's, a lead may export) holds her decision, the decision log both votes, and a
 * reviewer can neither adjudicate nor read the log.
 */

const PASSWORD = "team e2e password 1";
const first = `${sampleSplit}:101:0`;
const second = `${sampleSplit}:101:1`;

let db: TestDatabase;
let server: RunningServer;

test.beforeAll(async () => {
  db = await createTestDatabase();
  const store = await openStore(db.url);
  await addUser(store.accounts(), "lea", "lead", PASSWORD);
  await addUser(store.accounts(), "ann", "reviewer", PASSWORD);
  await addUser(store.accounts(), "bob", "reviewer", PASSWORD);
  await addUser(store.accounts(), "vic", "viewer", PASSWORD);
  await store.close();
  server = await startServer([], { db: db.url, timeoutMs: 60_000 });
});

test.afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

/** A browser context of its own, signed in on `path` (the login comes first, then the page). */
async function signedIn(browser: Browser, name: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByTestId("login-screen")).toBeVisible();
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(name);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

async function startReviewing(page: Page): Promise<ReviewPage> {
  await page.goto(`/rounds?split=${sampleSplit}`);
  await page.getByRole("button", { name: "Start reviewing round 1" }).click();
  await expect(page.getByTestId("round-bar")).toBeVisible();
  return new ReviewPage(page);
}

test("a team on PostgreSQL: signed-in lead and reviewers, blind votes, a mention, adjudication, export and log", async ({ browser }) => {
  test.setTimeout(150_000);
  const lea = await signedIn(browser, "lea", `/rounds?split=${sampleSplit}&status=pending`);
  const ann = await signedIn(browser, "ann", `/rounds?split=${sampleSplit}`);
  // bob watches the queue of pairs whose threads mention him: empty for now.
  const bob = await signedIn(browser, "bob", `/review?split=${sampleSplit}`);
  await bob.getByLabel("Discussion").selectOption({ label: "Mentions me (@bob)" });
  await expect(bob).toHaveURL(/mentions=bob/);
  await expect(bob.getByTestId("queue-row")).toHaveCount(0);

  // The lead makes the round over the pending queue, for the two reviewers.
  await expect(lea.getByText("status=pending")).toBeVisible();
  await lea.getByLabel("Overlap (votes per pair)").fill("2");
  // The pool is picked from the users who may decide: lea (lead) is one, a viewer would not be.
  const pool = lea.getByTestId("round-pool");
  await expect(pool.getByRole("checkbox")).toHaveCount(3);
  await expect(pool.getByRole("checkbox", { name: "vic" })).toHaveCount(0);
  await pool.getByRole("checkbox", { name: "ann" }).check();
  await pool.getByRole("checkbox", { name: "bob" }).check();
  await lea.getByRole("button", { name: "Create round" }).click();
  await expect(lea.getByRole("status")).toHaveText(/Round 1 created with \d+ pairs/);
  await expect(lea.getByTestId("round-1")).toContainText("0 of");
  expect(await seriousViolations(lea)).toEqual([]);

  // ann accepts the first pair; on the second she asks bob in the thread, then accepts it too.
  const annReview = await startReviewing(ann);
  await annReview.expectOpen(first);
  await annReview.press("a");
  await annReview.expectOpen(second);
  const thread = ann.getByTestId("comment-thread");
  await thread.getByLabel("New comment").fill("@bob is it the left cup or the right one?");
  await thread.getByRole("button", { name: "Send to discussion" }).click();
  await expect(thread.locator(".comment")).toHaveCount(1);
  // bob's "Mentions me" queue shows the pair without a reload (the comment event).
  await expect(bob.getByTestId("queue-row")).toHaveCount(1);
  await expect(bob.getByTestId("queue-row")).toHaveAttribute("data-pair-id", second);
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
  await expect(bob.getByTestId("comment-thread")).toContainText("is it the left cup or the right one?");
  await bobReview.rejectWith(1);
  await expect(bob.getByText(/the votes differ: a lead will adjudicate/)).toBeVisible();

  // Reviewers have no adjudication, no decision log and no export: the server says so.
  for (const path of ["/api/rounds/1/adjudication", `/api/insights/decision-log?split=${sampleSplit}`, `/api/export?split=${sampleSplit}`]) {
    expect((await ann.request.get(path)).status(), path).toBe(403);
  }

  // The lead adjudicates: the votes side by side, then ann's accept is the decision.
  await lea.goto("/rounds/1/adjudication");
  const pair = lea.getByTestId("adjudication-pair");
  await expect(pair).toHaveCount(1);
  await expect(pair.getByRole("heading", { name: second })).toBeVisible();
  await expect(pair.getByTestId("votes-side-by-side")).toContainText("ann: accept");
  await expect(pair.getByTestId("votes-side-by-side")).toContainText("bob: reject");
  await pair.getByRole("button", { name: "Decide as ann (accept)" }).click();
  await expect(lea.getByText("Nothing to adjudicate")).toBeVisible();

  // The decision log (lea's session) holds both votes of each pair and who decided.
  const logResponse = await lea.request.get(`/api/insights/decision-log?split=${sampleSplit}`);
  expect(logResponse.status()).toBe(200);
  const log = (await logResponse.text())
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

  // The export holds the adjudicated pair and no pair of the round that nobody decided yet.
  const question = async (id: string) => ((await (await lea.request.get(`/api/pairs/${encodeURIComponent(id)}`)).json()) as { question: string }).question;
  const exported = await lea.request.get(`/api/export?split=${sampleSplit}`);
  expect(exported.status()).toBe(200);
  const record = ((await exported.json()) as ExportedRecord[]).find((r) => r.image_id === 101);
  expect(record?.questions).toContain(await question(second));
  expect(record?.questions).not.toContain(await question(`${sampleSplit}:101:2`));
});
