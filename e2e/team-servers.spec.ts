import { expect, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "../src/server/storage/pg/testDb";
import { pairIds, sampleSplit } from "./pages/api";
import { seedReviewer } from "./pages/reviewPage";
import { ReviewPage } from "./pages/reviewPage";
import { startServer, type RunningServer } from "./server";

/*
 * Two reviewers on TWO `serve` processes sharing one PostgreSQL database (a throwaway one on the
 * local cluster), as a team behind a reverse proxy would be: what one decides reaches the other
 * through LISTEN/NOTIFY and Server-Sent Events, without a reload, within a second.
 */

let db: TestDatabase;
let serverA: RunningServer;
let serverB: RunningServer;

test.beforeAll(async () => {
  db = await createTestDatabase();
  // One after the other: the first imports the sample, the second finds it imported.
  serverA = await startServer([], { db: db.url, timeoutMs: 60_000 });
  serverB = await startServer([], { db: db.url, timeoutMs: 60_000 });
});

test.afterAll(async () => {
  await serverA?.stop();
  await serverB?.stop();
  await db?.drop();
});

test("a decision on one server shows on the other's queue, counts and open pair within a second, with presence", async ({ browser }) => {
  const aliceContext = await browser.newContext({ baseURL: serverA.url });
  const bobContext = await browser.newContext({ baseURL: serverB.url });
  const alicePage = await aliceContext.newPage();
  const [p0] = (await pairIds(alicePage.request)) as [string];
  const path = `/review/${encodeURIComponent(p0)}?split=MMR_sample`;
  const alice = await ReviewPage.open(alicePage, path, "alice");
  const bob = await ReviewPage.open(await bobContext.newPage(), path, "bob");
  await alice.expectOpen(p0);
  await bob.expectOpen(p0);

  // Heartbeat on one server → NOTIFY → the other server's presence → its SSE stream.
  await expect(alice.panel.getByTestId("presence-notice")).toHaveText("bob has this pair open");
  await expect(bob.panel.getByTestId("presence-notice")).toHaveText("alice has this pair open");

  const bobRow = bob.page.locator(`[data-testid="queue-row"][data-pair-id="${p0}"]`);
  await expect(bobRow).toHaveAttribute("data-status", "pending");
  await expect(bob.page.getByTestId("decided-count")).toHaveText("0");

  await alice.press("a");
  await expect(alice.page.getByTestId("decided-count")).toHaveText("1");

  // Bob's screen follows within a second of Alice's save, before he saves anything.
  const live = { timeout: 1_000 };
  await expect(bob.panel).toHaveAttribute("data-status", "accepted", live);
  await expect(bobRow).toHaveAttribute("data-status", "accepted", live);
  await expect(bob.page.getByTestId("decided-count")).toHaveText("1", live);
  await expect(bob.panel.getByTestId("remote-decision")).toHaveText("alice accepted this pair just now");
  await expect(bob.panel.locator(".decision-summary")).toContainText("by alice");
  expect(decodeURIComponent(new URL(bob.page.url()).pathname)).toBe(`/review/${p0}`);

  // Alice moved on, so she no longer has p0 open: Bob's notice goes (her tab's heartbeat names the next pair).
  await expect(bob.panel.getByTestId("presence-notice")).toBeHidden();

  // And the other way round: Bob rejects the pair Alice now has open, on his server.
  const p1 = await alice.currentPairId();
  await bob.page.goto(`/review/${encodeURIComponent(p1)}?split=MMR_sample`);
  await bob.expectOpen(p1);
  await expect(alice.panel.getByTestId("presence-notice")).toHaveText("bob has this pair open");
  await bob.rejectWith(1);
  await expect(alice.panel).toHaveAttribute("data-status", "rejected", { timeout: 5_000 });
  await expect(alice.panel.getByTestId("remote-decision")).toHaveText("bob rejected this pair just now");

  await aliceContext.close();
  await bobContext.close();
});

test("after its server restarts, a tab's live stream reconnects by itself and catches up on what it missed", async ({ browser }) => {
  const aliceContext = await browser.newContext({ baseURL: serverA.url });
  const bobContext = await browser.newContext({ baseURL: serverB.url });
  const alicePage = await aliceContext.newPage();
  const ids = await pairIds(alicePage.request);
  // A pair the first test left alone.
  const pair = ids[5]!;
  const path = `/review/${encodeURIComponent(pair)}?split=MMR_sample`;
  const bob = await ReviewPage.open(await bobContext.newPage(), path, "bob");
  await bob.expectStatus("pending");
  const decidedBefore = Number(await bob.page.getByTestId("decided-count").textContent());

  // Bob's server goes away; meanwhile Alice decides Bob's open pair on hers. No event can reach Bob.
  const port = Number(new URL(serverB.url).port);
  await serverB.stop();
  const alice = await ReviewPage.open(alicePage, path, "alice");
  // Rejecting works on any pair (accepting may be blocked by a pair's flags).
  await alice.rejectWith(1);
  await expect(alice.panel).not.toHaveAttribute("data-pair-id", pair);

  // The same server comes back on the same address: Bob's EventSource reconnects (retry: 2 s) and
  // the tab refetches what it shows, without a reload.
  serverB = await startServer([], { db: db.url, port, timeoutMs: 60_000 });
  await expect(bob.panel).toHaveAttribute("data-status", "rejected", { timeout: 15_000 });
  await expect(bob.page.locator(`[data-testid="queue-row"][data-pair-id="${pair}"]`)).toHaveAttribute("data-status", "rejected");
  await expect(bob.page.getByTestId("decided-count")).toHaveText(String(decidedBefore + 1));
  expect(decodeURIComponent(new URL(bob.page.url()).pathname)).toBe(`/review/${pair}`);

  // And it is subscribed again: the next decision elsewhere arrives live.
  const next = await alice.currentPairId();
  await bob.page.goto(`/review/${encodeURIComponent(next)}?split=MMR_sample`);
  await bob.expectOpen(next);
  await alice.rejectWith(1);
  await expect(bob.panel).toHaveAttribute("data-status", "rejected", { timeout: 1_000 });

  await aliceContext.close();
  await bobContext.close();
});

test("the dashboard on one server follows decisions made on the other, without a reload", async ({ browser }) => {
  const leadContext = await browser.newContext({ baseURL: serverB.url });
  const lead = await leadContext.newPage();
  await seedReviewer(lead, "lead");
  await lead.goto(`/dashboard?split=${sampleSplit}`);
  const summary = lead.getByTestId("dashboard-summary");
  await expect(summary).toHaveAttribute("data-decided", /^\d+$/);
  const decided = Number(await summary.getAttribute("data-decided"));

  // Two decisions through server A's API, on pairs nobody decided yet.
  const request = (await browser.newContext({ baseURL: serverA.url })).request;
  const pending = await pairIds(request, { status: "pending" });
  for (const id of pending.slice(0, 2)) {
    const response = await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, {
      data: { status: "rejected", reasons: ["ambiguous"], reviewer: "carol", baseVersion: 0 },
    });
    expect(response.status()).toBe(200);
  }
  await expect(summary).toHaveAttribute("data-decided", String(decided + 2), { timeout: 2_000 });
  await leadContext.close();
});
