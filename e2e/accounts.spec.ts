import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { addUser } from "../src/server/accounts/manage";
import { openStore } from "../src/server/storage/open";
import { startServer, type RunningServer } from "./server";

/*
 * Team mode in the browser (issue 11): a database with users, so the app asks for a login. A lead
 * signs in, decides, and the history names them; a reviewer outside a round is sent to their
 * rounds (they decide the pairs a round hands them); a viewer sees no decide buttons and cannot
 * decide by key; logout returns to the login. The login screen passes axe in both themes.
 */

const PASSWORD = "e2e password 123";
const pair = "MMR_sample:101:4";

const test = base.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    const dbDir = mkdtempSync(join(tmpdir(), "mmr-e2e-team-"));
    const store = await openStore(join(dbDir, "review.db"));
    await addUser(store.accounts(), "ana", "lead", PASSWORD);
    await addUser(store.accounts(), "rae", "reviewer", PASSWORD);
    await addUser(store.accounts(), "vera", "viewer", PASSWORD);
    await store.close();
    const server = await startServer([], { dbDir });
    await use(server);
    await server.stop();
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(name);
}

test("a lead signs in, decides, the history names them; a reviewer works in rounds; a viewer cannot decide; logout", async ({ page }) => {
  await page.goto(`/review/${encodeURIComponent(pair)}?split=MMR_sample`);
  const login = page.getByTestId("login-screen");
  await expect(login).toBeVisible();
  await expect(page.getByLabel("User name")).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
  for (const theme of ["light", "dark"]) {
    await page.getByTestId("theme-toggle").selectOption(theme);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    expect(await seriousViolations(page), theme).toEqual([]);
  }
  await page.screenshot({ path: "test-results/login-screen.png" });

  // A wrong password: one clear line, still on the login.
  await page.getByLabel("User name").fill("ana");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("wrong user name or password");

  await signIn(page, "ana");
  await expect(page.getByTestId("signed-in-user")).toContainText("lead");
  await expect(page.getByTestId("reviewer-dialog")).toHaveCount(0);
  const panel = page.getByTestId("pair-panel");
  await expect(panel).toHaveAttribute("data-pair-id", pair);
  await expect(page.getByTestId("pair-canvas")).toHaveAttribute("data-render-state", "ready");
  await page.keyboard.press("a");
  await expect(panel).not.toHaveAttribute("data-pair-id", pair);
  await page.goto(`/review/${encodeURIComponent(pair)}?split=MMR_sample`);
  await expect(panel).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("history")).toContainText("ana");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(login).toBeVisible();

  // A reviewer decides the pairs a round hands them: the queue is read only, with the way to the
  // rounds; "/" opens them; there is no export (a lead's): its link is disabled with the reason.
  await signIn(page, "rae");
  await expect(panel).toHaveAttribute("data-pair-id", pair);
  await expect(page.getByTestId("accept-button")).toHaveCount(0);
  await expect(page.getByTestId("read-only")).toContainText("a reviewer decides the pairs a review round hands them");
  await page.keyboard.press("a");
  await expect(page.getByRole("alert").filter({ hasText: "Read only: a reviewer decides the pairs a review round hands them." })).toBeVisible();
  await expect(page.locator(".topbar__nav-off", { hasText: "Export" })).toHaveAttribute("title", /needs admin or lead/);
  await page.getByTestId("read-only").getByRole("link", { name: "Your rounds" }).click();
  await expect(page).toHaveURL(/\/rounds\?split=MMR_sample/);
  await expect(page.getByRole("heading", { name: "Review rounds" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/rounds\?split=MMR_sample/);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(login).toBeVisible();
  await page.goto(`/review/${encodeURIComponent(pair)}?split=MMR_sample`);

  await signIn(page, "vera");
  await expect(panel).toBeVisible();
  await expect(page.getByTestId("accept-button")).toHaveCount(0);
  await expect(page.getByTestId("read-only")).toContainText("your role (viewer) may not do this");
  await expect(panel).toHaveAttribute("data-pair-id", pair);
  await expect(page.getByTestId("pair-canvas")).toHaveAttribute("data-render-state", "ready");
  // Keys cannot decide either: the toast says why, and the pair keeps Ana's decision alone.
  await page.keyboard.press("r");
  await page.keyboard.press("Escape");
  await page.keyboard.press("a");
  await expect(page.getByText("Your role may not decide pairs")).toBeVisible();
  await expect(panel).toHaveAttribute("data-status", "accepted");
  await expect(page.getByTestId("history").locator("li")).toHaveCount(1);
  await page.screenshot({ path: "test-results/viewer-review.png" });

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(login).toBeVisible();
  // Signed out, the API is closed too.
  expect((await page.request.get("/api/pairs?split=MMR_sample")).status()).toBe(401);
});
