import { test, expect } from "./fixtures";
import { history, pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("decisions made offline are kept, then sent exactly once on reconnect", async ({ page, context, request }) => {
  const [p0, p1, p2] = (await pairIds(request)) as [string, string, string];
  // A controllable clock: the periodic retry's chance comes from advancing it, not from sleeping.
  await page.clock.install();
  const review = await ReviewPage.open(page);
  await review.expectOpen(p0);
  // The next pairs are prefetched; wait until the network is quiet before the plug is pulled.
  await page.waitForLoadState("networkidle");

  await context.setOffline(true);
  await review.press("a");
  await review.expectOpen(p1);
  await review.rejectWith(4);
  await review.expectOpen(p2);
  await expect(review.offlineBadge).toHaveAttribute("data-count", "2");
  await expect(review.offlineBadge).toContainText("2 decisions waiting");
  expect((await history(request, p0)).length).toBe(0);

  await context.setOffline(false);
  await expect(review.offlineBadge).toBeHidden();
  await expect.poll(async () => (await history(request, p0)).length).toBe(1);
  await expect.poll(async () => (await history(request, p1)).length).toBe(1);
  // Nothing is sent twice, even after the periodic retry (every 5 s) had its chance.
  await page.clock.runFor(6_000);
  await page.waitForLoadState("networkidle");
  expect((await history(request, p0)).map((h) => h.after.status)).toEqual(["accepted"]);
  expect((await history(request, p1)).map((h) => h.after.status)).toEqual(["rejected"]);
});

test("decisions that could not reach the server survive a reload and are sent once it answers", async ({ page, request }) => {
  const [p0, p1] = (await pairIds(request)) as [string, string];
  const review = await ReviewPage.open(page);
  await review.expectOpen(p0);
  // The server is unreachable for decision writes only, so the page itself can still reload.
  await page.route("**/api/pairs/*/decision", (route) => route.abort("connectionrefused"));
  await review.press("a");
  await review.expectOpen(p1);
  await review.press("a");
  await expect(review.offlineBadge).toHaveAttribute("data-count", "2");

  await page.reload();
  await expect(review.offlineBadge).toHaveAttribute("data-count", "2");
  await page.unroute("**/api/pairs/*/decision");
  await expect(review.offlineBadge).toBeHidden({ timeout: 15_000 });
  expect((await history(request, p0)).length).toBe(1);
  expect((await history(request, p1)).length).toBe(1);
});

test("a decision the server answers 503 for (its database restarting) waits in the queue and is applied once", async ({ page, request }) => {
  const [p0] = (await pairIds(request)) as [string];
  const review = await ReviewPage.open(page);
  await review.expectOpen(p0);
  // The first attempt reaches the server and is applied, but the answer the browser gets is a 503
  // (a connection lost after the commit); every later attempt goes through unchanged.
  const keys: string[] = [];
  let first = true;
  // Retries wait until the badge was seen: on a loaded machine a quick retry could otherwise empty
  // the queue before the check looks.
  let seen!: () => void;
  const badgeSeen = new Promise<void>((resolve) => (seen = resolve));
  await page.route("**/api/pairs/*/decision", async (route) => {
    keys.push((await route.request().headerValue("idempotency-key")) ?? "");
    if (!first) {
      await badgeSeen;
      return route.continue();
    }
    first = false;
    await route.fetch();
    return route.fulfill({ status: 503, headers: { "Retry-After": "1" }, contentType: "application/json", body: JSON.stringify({ error: { code: "busy", message: "the database is restarting; try again" } }) });
  });
  await review.press("a");
  await expect(review.offlineBadge).toHaveAttribute("data-count", "1");
  seen();
  // No "refused" message: a 503 is "not now", and the queue resends it within 5 s.
  await expect(review.offlineBadge).toBeHidden({ timeout: 15_000 });
  await expect(page.getByText(/was refused/)).toHaveCount(0);
  expect(new Set(keys).size).toBe(1);
  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect((await history(request, p0)).map((h) => h.after.status)).toEqual(["accepted"]);
});
