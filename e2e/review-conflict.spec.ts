import { test, expect } from "./fixtures";
import { history, pairIds } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

test("two reviewers deciding the same pair get the conflict view and can keep either", async ({ browser, page, request, server }) => {
  const [p0] = (await pairIds(request)) as [string];
  const path = `/review/${encodeURIComponent(p0)}?split=MMR_sample`;
  const alice = await ReviewPage.open(page, path, "alice");
  const otherContext = await browser.newContext({ baseURL: server.url });
  // Bob's live-update stream is down (else alice's decision reaches his screen before he saves
  // and there is no conflict: see live-updates.spec.ts), so his save is based on a stale version.
  await otherContext.route("**/api/events?*", (route) => route.abort());
  const bob = await ReviewPage.open(await otherContext.newPage(), path, "bob");
  await alice.expectOpen(p0);
  await bob.expectOpen(p0);

  await alice.press("a");
  await expect.poll(async () => (await history(request, p0)).length).toBe(1);

  await bob.rejectWith(6);
  await expect(bob.conflictView).toBeVisible();
  await expect(bob.conflictView.getByTestId("conflict-theirs")).toContainText("accepted");
  await expect(bob.conflictView.getByTestId("conflict-theirs")).toContainText("alice");
  await expect(bob.conflictView.getByTestId("conflict-mine")).toContainText("rejected");

  await bob.conflictView.getByRole("button", { name: "Keep mine" }).click();
  await expect(bob.conflictView).toBeHidden();
  await expect.poll(async () => (await history(request, p0)).map((h) => `${h.reviewer}:${h.after.status}`)).toEqual([
    "alice:accepted",
    "bob:rejected",
  ]);
  await otherContext.close();
});
