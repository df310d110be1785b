import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { pairIds, sampleSplit } from "./pages/api";
import { GalleryPage } from "./pages/galleryPage";
import { seedReviewer } from "./pages/reviewPage";

/*
 * axe-core on the gallery, dashboard and export screens (the top bar included), in the dark and
 * the light theme: no serious or critical violation. The review screen and its dialogs have
 * their own checks.
 */

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(", ")}`);
}

async function decideSome(page: Page, request: Parameters<typeof pairIds>[0]) {
  const ids = await pairIds(request);
  for (const [i, id] of ids.slice(0, 6).entries()) {
    await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, {
      data: { status: i % 2 ? "rejected" : "accepted", reviewer: i % 3 ? "ana" : "bo", baseVersion: 0, reasons: i % 2 ? ["wrong_target"] : [] },
    });
  }
  await request.put(`/api/pairs/${encodeURIComponent(ids[0]!)}/decision`, { data: { status: "rejected", reviewer: "ana", baseVersion: 1, reasons: ["bad_mask"] } });
  await seedReviewer(page, "e2e-lead");
}

for (const colorScheme of ["dark", "light"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test(`gallery, dashboard and export have no serious axe violation (${colorScheme})`, async ({ page, request }) => {
      // Many full-page axe scans: slow on a loaded 2-core machine (33 s alone, over 60 s in the full run).
      test.setTimeout(180_000);
      await decideSome(page, request);

      // The default gallery (a scrolling grid), a grouped one, and one narrowed by a dashboard link.
      for (const search of [`?split=${sampleSplit}`, `?split=${sampleSplit}&group=image`, `?split=${sampleSplit}&reason=wrong_target&minTargets=0`]) {
        const gallery = await GalleryPage.open(page, search);
        await gallery.expectAllPainted();
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        expect(await seriousViolations(page)).toEqual([]);
      }
      // Hover-to-enlarge adds its picture without a new violation.
      await page.getByTestId("gallery-card").first().locator(".gallery-card__picture").hover();
      await expect(page.getByTestId("card-enlarged")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      // The gallery's reject dialog.
      await page.mouse.move(0, 0);
      await page.keyboard.press("r");
      await expect(page.getByTestId("gallery-decide-dialog")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");

      await page.goto(`/dashboard?split=${sampleSplit}`);
      await expect(page.getByTestId("chart-activity")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      expect(await seriousViolations(page)).toEqual([]);
      // The text alternatives open too.
      for (const summary of await page.getByText("Show as table").all()) await summary.click();
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`/export?split=${sampleSplit}`);
      await expect(page.getByTestId("export-preview")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("the theme toggle pins light or dark over the system's choice and is remembered", async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await seedReviewer(page, "e2e-lead");
  await page.goto(`/dashboard?split=${sampleSplit}`);
  await expect(page.getByTestId("dashboard")).toBeVisible();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.getByLabel("Theme").selectOption("light");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  const light = await background();
  expect(light).not.toBe(dark);
  // The light theme is light: a bright page behind dark text (the screenshot is kept with the report).
  const [r, g, b] = light.match(/\d+/g)!.map(Number);
  expect(Math.min(r!, g!, b!)).toBeGreaterThan(200);
  await testInfo.attach("dashboard-light", { body: await page.screenshot(), contentType: "image/png" });
  await page.reload();
  await expect(page.getByLabel("Theme")).toHaveValue("light");
  expect(await background()).toBe(light);
  // Back to the system's choice: the stylesheet follows prefers-color-scheme again.
  await page.getByLabel("Theme").selectOption("system");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await background()).toBe(dark);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background()).toBe(light);
});

test("gallery, dashboard and export scroll no sideways at 640 px (a 1280 px window at 200 % zoom)", async ({ page }) => {
  await seedReviewer(page, "a-rather-long-reviewer-name");
  await page.setViewportSize({ width: 640, height: 600 });
  for (const path of [`/gallery?split=${sampleSplit}`, `/dashboard?split=${sampleSplit}`, `/export?split=${sampleSplit}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.getByLabel("Theme")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
  }
});
