import { test, expect } from "./fixtures";
import { pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

/*
 * Two reviewers on ONE server process (SQLite, in-process event bus). The same across two server
 * processes on one PostgreSQL database (LISTEN/NOTIFY): team-servers.spec.ts.
 */
test("a decision in one browser shows in the other's queue and open pair without reload, with presence", async ({ browser, page, server }) => {
  const [p0] = (await pairIds(page.request)) as [string];
  const path = `/review/${encodeURIComponent(p0)}?split=MMR_sample`;
  const alice = await ReviewPage.open(page, path, "alice");
  const otherContext = await browser.newContext({ baseURL: server.url });
  const bob = await ReviewPage.open(await otherContext.newPage(), path, "bob");
  await alice.expectOpen(p0);
  await bob.expectOpen(p0);

  // Each sees the other on the pair (heartbeat → bus → SSE), and not themselves.
  await expect(alice.panel.getByTestId("presence-notice")).toHaveText("bob has this pair open");
  await expect(bob.panel.getByTestId("presence-notice")).toHaveText("alice has this pair open");

  const bobRow = bob.page.locator(`[data-testid="queue-row"][data-pair-id="${p0}"]`);
  await expect(bobRow).toHaveAttribute("data-status", "pending");
  await expect(bob.page.getByTestId("decided-count")).toHaveText("0");

  await alice.press("a");

  // Bob's open pair, queue row and counts follow, without a reload and before he saves anything.
  await bob.expectStatus("accepted");
  await expect(bob.panel.getByTestId("remote-decision")).toHaveText("alice accepted this pair just now");
  await expect(bob.panel.locator(".decision-summary")).toContainText("by alice");
  await expect(bobRow).toHaveAttribute("data-status", "accepted");
  await expect(bob.page.getByTestId("decided-count")).toHaveText("1");
  expect(decodeURIComponent(new URL(bob.page.url()).pathname)).toBe(`/review/${p0}`);

  // Alice moved on to the next pair, so she no longer has p0 open; her own pair shows no notice.
  await expect(bob.panel.getByTestId("presence-notice")).toBeHidden();
  await expect(alice.panel).not.toHaveAttribute("data-pair-id", p0);
  await expect(alice.panel.getByTestId("live-notice")).toBeHidden();
  await otherContext.close();
});
