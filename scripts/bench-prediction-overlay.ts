/*
 * `npx tsx scripts/bench-prediction-overlay.ts [--steps N] [--gap MS]`: what the model overlay adds
 * to `j` → canvas ready. The sample with its demo model imported is walked twice in headless
 * Chromium, overlay off and overlay on (`p`), timing keydown → `data-render-state="ready"` for the
 * expected pair in the page (as bench:ui does). Target: the overlay adds ≤ 5 ms to the p95.
 * Expects a built app (npx vite build). Prints numbers; asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { startServer } from "../e2e/server";
import { percentile } from "./bench/common";
import { armRenderProbe } from "./bench/renderProbe";

const root = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? Number(argv[at + 1]) : fallback;
};
const steps = option("steps", 114);
const gapMs = option("gap", 250);



async function walk(page: Page, url: string, ids: string[], overlay: boolean): Promise<number[]> {
  const times: number[] = [];
  while (times.length < steps) {
    await page.goto(`${url}/review/${encodeURIComponent(ids[0]!)}?split=MMR_sample`);
    await page.locator(`[data-testid="pair-canvas"][data-pair-id="${ids[0]}"][data-render-state="ready"]`).waitFor({ timeout: 30_000 });
    if (overlay) {
      await page.keyboard.press("p");
      await page.locator('[data-testid="prediction-layer"][data-prediction-state="ready"]').waitFor();
    }
    await page.waitForTimeout(500);
    for (let i = 1; i < ids.length && times.length < steps; i++) {
      await armRenderProbe(page, ids[i]!);
      await page.keyboard.press("j");
      times.push(Number(await page.evaluate("window.__benchResult")));
      await page.waitForTimeout(gapMs);
    }
  }
  return times.sort((a, b) => a - b);
}

const dir = mkdtempSync(join(tmpdir(), "mmr-bench-pred-"));
const db = join(dir, "review.db");
const cli = (...args: string[]) => execFileSync(process.execPath, [join(root, "bin/mmr-review.mjs"), ...args], { cwd: root, stdio: "pipe" });
cli("import", "--db", db, "sample/MMR_sample.json");
cli("predictions", "import", "--db", db, "--split", "MMR_sample", "--model", "demo", "sample/predictions/MMR_sample.demo-model.jsonl");
const server = await startServer(["--images", "sample/images"], { dbDir: dir });
const browser = await chromium.launch({
  executablePath: process.env.MMR_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
try {
  const ids = ((await (await fetch(`${server.url}/api/pairs?split=MMR_sample&limit=1000`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => localStorage.setItem("mmr-review.reviewer", JSON.stringify({ state: { name: "bench" }, version: 0 })));
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  const off = await walk(page, server.url, ids, false);
  const on = await walk(page, server.url, ids, true);
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`overlay off: ${off.length} moves, j → ready p50 ${fmt(percentile(off, 50))} p95 ${fmt(percentile(off, 95))} · load ${load}`);
  console.log(`overlay on:  ${on.length} moves, j → ready p50 ${fmt(percentile(on, 50))} p95 ${fmt(percentile(on, 95))} · load ${load}`);
  console.log(`the overlay adds ${fmt(percentile(on, 95) - percentile(off, 95))} to the p95 (target ≤ 5 ms)`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
