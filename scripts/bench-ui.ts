/*
 * `npm run bench:ui`: how long `j` takes to show the next pair, measured in the page (keydown →
 * canvas `data-render-state="ready"` for the expected pair id, via a MutationObserver, so no CDP
 * round trip is counted), and how large the initial JS is (gzip).
 *
 *   npm run bench:ui                   # sample data (+ bench-data/MMR_scale.json when present)
 *   npm run bench:ui -- --steps 200 --gap 250
 *   npm run bench:ui -- --data some/MMR_val.json [--images DIR]   # another split instead of the sample
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { startServer } from "../e2e/server";

const root = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? Number(argv[at + 1]) : fallback;
};
const steps = option("steps", 120);
/** Pause between presses: a curator looks at a pair for seconds; prefetching uses that time. */
const gapMs = option("gap", 250);
const textOption = (name: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function buildIfNeeded(): void {
  if (argv.includes("--no-build")) return;
  const built = join(root, "dist/client/index.html");
  const sources = ["src/client", "src/shared", "index.html", "public", "vite.config.ts"].map((p) => join(root, p)).filter(existsSync);
  if (existsSync(built) && Math.max(...sources.map(newest)) <= statSync(built).mtimeMs) return;
  console.log("building the app…");
  const result = spawnSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The entry chunk and the chunks it preloads: what the browser must fetch before the app runs. */
function initialJsGzip(): { files: string[]; bytes: number } {
  const dist = join(root, "dist/client");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file.replace(/^\//, "")))).length, 0);
  return { files, bytes };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/*
 * The in-page probe, as plain JavaScript text: tsx would wrap named functions in a `__name` helper
 * that does not exist in the page. It starts at the next keydown (its event time) and resolves
 * once the canvas shows the expected pair as ready.
 */
const probeSource = `(pairId) => {
  window.__benchResult = new Promise((done, fail) => {
    let start = -1;
    const isReady = () => {
      const canvas = document.querySelector('[data-testid="pair-canvas"]');
      return !!canvas && canvas.dataset.pairId === pairId && canvas.dataset.renderState === "ready";
    };
    const observer = new MutationObserver(() => {
      if (start >= 0 && isReady()) { observer.disconnect(); done(performance.now() - start); }
    });
    window.addEventListener("keydown", (event) => {
      start = event.timeStamp;
      if (isReady()) { done(0); return; }
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-render-state", "data-pair-id"] });
    }, { capture: true, once: true });
    setTimeout(() => fail(new Error("pair " + pairId + " not ready within 10 s")), 10000);
  });
}`;

async function armProbe(page: Page, expected: string): Promise<void> {
  await page.evaluate(`(${probeSource})(${JSON.stringify(expected)})`);
}

async function walk(url: string, split: string, label: string): Promise<void> {
  const listResponse = await fetch(`${url}/api/pairs?split=${encodeURIComponent(split)}&limit=${Math.min(1000, steps + 1)}`);
  const ids = ((await listResponse.json()) as { items: { id: string }[] }).items.map((item) => item.id);
  if (ids.length < 2) throw new Error(`${label}: the split has too few pairs`);
  const browser = await chromium.launch({
    executablePath: process.env.MMR_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => localStorage.setItem("mmr-review.reviewer", JSON.stringify({ state: { name: "bench" }, version: 0 })));
    const times: number[] = [];
    // A split shorter than `steps` is walked in laps; each lap reloads the page, so it starts cold.
    while (times.length < steps) {
      await page.goto(`${url}/review/${encodeURIComponent(ids[0]!)}?split=${encodeURIComponent(split)}`);
      await page.locator(`[data-testid="pair-canvas"][data-pair-id="${ids[0]}"][data-render-state="ready"]`).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      for (let i = 1; i < ids.length && times.length < steps; i++) {
        await armProbe(page, ids[i]!);
        await page.keyboard.press("j");
        times.push(Number(await page.evaluate("window.__benchResult")));
        if (process.env.BENCH_VERBOSE) console.log(ids[i], times[times.length - 1]!.toFixed(1));
        await page.waitForTimeout(gapMs);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const fmt = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `${label}: ${times.length} moves with j → ready  p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  max ${fmt(sorted[sorted.length - 1]!)}  (target p95 ≤ 50 ms)`,
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  buildIfNeeded();
  const bundle = initialJsGzip();
  console.log(`initial JS: ${(bundle.bytes / 1024).toFixed(1)} KB gzip (${bundle.files.join(", ")}; target ≤ 250 KB)`);

  const data = textOption("data");
  const images = textOption("images");
  const sample = await startServer(data ? ["--data", data, ...(images ? ["--images", images] : [])] : [], { timeoutMs: 180_000 });
  try {
    const split = data ? basename(data).replace(/\.json$/i, "") : "MMR_sample";
    await walk(sample.url, split, split);
  } finally {
    await sample.stop();
  }
  if (data) return;

  const scaleFile = join(root, "bench-data/MMR_scale.json");
  if (existsSync(scaleFile)) {
    console.log("importing bench-data/MMR_scale.json (this takes a while)…");
    const images = join(dirname(scaleFile), "images");
    const scale = await startServer(["--data", scaleFile, ...(existsSync(images) ? ["--images", images] : [])], { timeoutMs: 180_000 });
    try {
      await walk(scale.url, "MMR_scale", "scale");
    } finally {
      await scale.stop();
    }
  } else {
    console.log("no bench-data/MMR_scale.json: skipped the large split (npm run gen:scale -- --pairs 154000 --out bench-data/MMR_scale.json)");
  }
}

await main();
