import { test, expect } from "./fixtures";
import { history, pairDetail, pairIds } from "./pages/api";
import { GalleryPage } from "./pages/galleryPage";
import { acceptBlockers } from "../src/shared/domain";

/**
 * The 95 % Wilson score interval, written out here from its textbook formula (z = 1.959964) rather than
 * imported from the app: the test must not take its expected values from the code under test.
 */
function wilson(k: number, n: number): { low: number; high: number } {
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

test("the gallery shows the multi-target pairs with their masks painted", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  expect(multi.length).toBeGreaterThan(10);
  const gallery = await GalleryPage.open(page);
  await expect(page.getByTestId("gallery-count")).toHaveText(`${multi.length} of ${multi.length} pairs`);
  await gallery.expectAllPainted();

  // Virtualised: scroll through and collect every card that passes by.
  const seen = new Set<string>();
  const grid = page.getByTestId("gallery-grid");
  for (let i = 0; i < 20 && seen.size < multi.length; i++) {
    for (const id of await gallery.cardIds()) seen.add(id);
    await grid.evaluate((el) => el.scrollBy(0, el.clientHeight * 0.8));
    await page.waitForTimeout(100);
  }
  expect([...seen].sort()).toEqual([...multi].sort());
  await gallery.expectAllPainted();
  for (const meta of await page.locator(".gallery-card__meta").allTextContents()) expect(meta).toMatch(/\b([2-9]|\d\d) targets/);

  // A painted card is not blank: it has several distinct colours.
  const colours = await gallery.canvases.first().evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    const seenColours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) seenColours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seenColours.size;
  });
  expect(colours).toBeGreaterThan(20);
});

test("keyboard decisions from the grid: a accepts, r rejects with a reason, Enter opens the pair", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  const [first, second, third] = multi as [string, string, string];
  const gallery = await GalleryPage.open(page);

  await gallery.press("a");
  await expect(gallery.card(first)).toHaveAttribute("data-status", "accepted");
  await expect.poll(async () => (await pairDetail(request, first)).decision?.status).toBe("accepted");

  // The focus moved on to the second card; the arrow takes it to the third.
  await gallery.press("ArrowRight", "r");
  await expect(gallery.dialog).toContainText("Reject 1 pair?");
  await gallery.press("1", "Enter");
  await expect(gallery.dialog).toBeHidden();
  await expect(gallery.card(third)).toHaveAttribute("data-status", "rejected");
  await expect.poll(async () => (await pairDetail(request, third)).decision?.reasons).toEqual(["wrong_target"]);
  expect((await pairDetail(request, second)).decision).toBeNull();

  await gallery.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/review/${encodeURIComponent(third)}\\?.*minTargets=2`));
  await expect(page.getByTestId("pair-panel")).toBeVisible();
});

test("a bulk reject states its count, writes one history entry per pair, and one undo reverts it", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  const chosen = multi.slice(0, 4);
  const gallery = await GalleryPage.open(page);

  await gallery.card(chosen[0]!).click();
  await gallery.card(chosen[3]!).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("gallery-selected")).toHaveText("4 selected");

  await page.getByRole("button", { name: "Reject selected…" }).click();
  await expect(gallery.dialog).toContainText("Reject 4 pairs?");
  await gallery.press("2");
  await gallery.dialog.getByRole("button", { name: "Reject 4 pairs" }).click();
  for (const id of chosen) await expect(gallery.card(id)).toHaveAttribute("data-status", "rejected");
  for (const id of chosen) {
    await expect.poll(async () => (await history(request, id)).length).toBe(1);
    expect((await pairDetail(request, id)).decision?.reasons).toEqual(["missing_target"]);
  }
  expect((await pairDetail(request, multi[4]!)).decision).toBeNull();

  await page.getByRole("button", { name: "Undo" }).click();
  for (const id of chosen) await expect(gallery.card(id)).toHaveAttribute("data-status", "pending");
  for (const id of chosen) {
    await expect.poll(async () => (await pairDetail(request, id)).decision?.status ?? "pending").toBe("pending");
    expect(await history(request, id)).toHaveLength(2);
  }
});

test("a seeded sample repeats with its seed and estimates the bad share once decided", async ({ page, request }) => {
  const all = await pairIds(request);
  const gallery = await GalleryPage.open(page, "?split=MMR_sample&minTargets=0&sample=12&seed=audit-1");
  await expect(page.getByTestId("sample-estimate")).toBeVisible();
  await expect.poll(async () => (await gallery.cardIds()).length).toBe(12);
  // Twelve different pairs of the split, in dataset order; the same ones after every reload below.
  const expected = await gallery.cardIds();
  expect(new Set(expected).size).toBe(12);
  expect(expected.every((id) => all.includes(id))).toBe(true);
  expect([...expected].sort((a, b) => all.indexOf(a) - all.indexOf(b))).toEqual(expected);
  await gallery.expectAllPainted();

  await page.reload();
  await expect.poll(() => gallery.cardIds()).toEqual(expected);
  await page.getByRole("button", { name: "New seed" }).click();
  await expect.poll(async () => (await gallery.cardIds()).join()).not.toEqual(expected.join());
  await page.goBack().catch(() => undefined);
  await page.goto("/gallery?split=MMR_sample&minTargets=0&sample=12&seed=audit-1");
  await expect.poll(() => gallery.cardIds()).toEqual(expected);
  await expect(page.getByTestId("sample-estimate")).toHaveAttribute("data-complete", "false");

  // Decide the sample from the grid: select all, accept; then reject three of them with `r`. A pair
  // the MMR loader cannot use (stray braces, placeholder count, …) is skipped by the bulk accept,
  // which says so, and stays pending; the lead rejects it too.
  const unacceptable = new Set<string>();
  for (const id of expected) if (acceptBlockers((await pairDetail(request, id)).flags).length > 0) unacceptable.add(id);
  await page.getByRole("button", { name: "Select all shown" }).click();
  await page.getByRole("button", { name: "Accept selected" }).click();
  if (unacceptable.size > 0) await expect(gallery.dialog.getByTestId("bulk-blocked")).toContainText(`${unacceptable.size} pair`);
  await gallery.dialog.getByRole("button", { name: `Accept ${12 - unacceptable.size} pairs` }).click();
  for (const id of expected) await expect(gallery.card(id)).toHaveAttribute("data-status", unacceptable.has(id) ? "pending" : "accepted");
  await page.keyboard.press("Escape");
  const toReject = [...new Set([expected[0]!, expected[4]!, expected[7]!, ...expected.filter((id) => unacceptable.has(id))])];
  for (const id of toReject) {
    await gallery.card(id).click();
    await gallery.card(id).click(); // toggled back off; the focus stays on it
    await gallery.press("r", "3", "Enter");
    await expect(gallery.card(id)).toHaveAttribute("data-status", "rejected");
  }

  const estimate = page.getByTestId("sample-estimate");
  await expect(estimate).toHaveAttribute("data-complete", "true");
  const { low, high } = wilson(toReject.length, 12);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const allRow = estimate.locator('tr[data-granularity="all"]');
  await expect(allRow.getByTestId("estimate")).toHaveText(pct(toReject.length / 12));
  await expect(allRow.getByTestId("interval")).toHaveText(`${pct(low)} – ${pct(high)}`);

  // Per granularity, from what the server holds.
  const details = await Promise.all(expected.map((id) => pairDetail(request, id)));
  for (const g of ["object", "part", "mixed"] as const) {
    const mine = details.filter((d) => d.granularity === g);
    if (mine.length === 0) continue;
    const bad = mine.filter((d) => d.decision?.status === "rejected").length;
    const interval = wilson(bad, mine.length);
    await expect(estimate.locator(`tr[data-granularity="${g}"]`).getByTestId("interval")).toHaveText(`${pct(interval.low)} – ${pct(interval.high)}`);
  }
});

test("cards name their targets, enlarge on hover, and repaint when a decision swaps a target", async ({ page, request }) => {
  const multi = await pairIds(request, { minTargets: "2" });
  const id = multi[0]!;
  const detail = await pairDetail(request, id);
  const names = detail.targets.map((t) => detail.annotations.find((a) => a.index === t)!.instanceName);
  const gallery = await GalleryPage.open(page, "?split=MMR_sample");
  const card = gallery.card(id);
  // Each name with its placeholder number (shortened to fit; the tooltip has them whole).
  await expect(card.getByTestId("card-targets")).toHaveText(new RegExp(`^1 ${escapeRe(names[0]!.slice(0, 8))}`));
  await expect(card.locator(".gallery-card__names")).toHaveAttribute("title", names.map((n, k) => `${k + 1} ${n}`).join("\n"));

  // Resting on the picture shows it larger, with every target's full name.
  await card.locator(".gallery-card__picture").hover();
  const enlarged = page.getByTestId("card-enlarged");
  await expect(enlarged).toBeVisible();
  for (const name of names) await expect(enlarged).toContainText(name);
  await page.mouse.move(0, 0);
  await expect(enlarged).toHaveCount(0);
  // The keyboard does the same: v enlarges the focused card, the arrows carry it along, Esc closes.
  await gallery.press("v");
  await expect(enlarged).toContainText(names[0]!);
  await gallery.press("ArrowRight");
  await expect(enlarged).toHaveCount(1);
  await expect(enlarged).not.toContainText(detail.question);
  await gallery.press("Escape");
  await expect(enlarged).toHaveCount(0);

  // Someone swaps the first target for another annotation (same target count) and accepts.
  const other = detail.annotations.find((a) => !detail.targets.includes(a.index))!;
  const swapped = [other.index, ...detail.targets.slice(1)];
  const put = await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, {
    data: { status: "accepted", reviewer: "bo", baseVersion: 0, edits: { targets: swapped } },
  });
  expect(put.status()).toBe(200);
  // Back to the gallery inside the app (its cache kept): the card shows the new target.
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("dashboard")).toBeVisible();
  await page.getByRole("link", { name: "Gallery" }).click();
  await expect(gallery.card(id).locator(".gallery-card__names")).toHaveAttribute("title", new RegExp(`^1 ${escapeRe(other.instanceName)}\n`));
  await expect(gallery.card(id).getByTestId("card-canvas")).toHaveAttribute("data-render-state", "ready");
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
