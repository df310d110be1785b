/*
 * `npm run bench:ui`: how long `j` takes to show the next pair, measured in the page (keydown →
 * canvas `data-render-state="ready"` for the expected pair id, via a MutationObserver, so no CDP
 * round trip is counted), over one page session (laps of a short split go back to its first pair
 * inside the app, without a reload; the first moves after the load are also reported apart), and
 * how large the initial JS is (gzip).
 *
 *   npm run bench:ui                   # sample data (+ bench-data/MMR_scale.json when present)
 *   npm run bench:ui -- --steps 200 --gap 250 --port 5199
 *   npm run bench:ui -- --data some/MMR_val.json [--images DIR]   # another split instead of the sample
 *
 * Also: the JS heap of the page (after a forced GC, over CDP) after 0, 250 and 500 reviewed pairs
 * (`a`: accept and go on) on the large split, or on a generated 1,000-pair split when it is absent;
 * the floor of a move is one animation frame (16.7 ms). Writes bench-data/bench-ui.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { startServer } from "../e2e/server";
import { percentile } from "./bench/common";
import { armRenderProbe } from "./bench/renderProbe";

const root = resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? Number(argv[at + 1]) : fallback;
};
const steps = option("steps", 200);
/** Pins the server to a port (0: any free one). */
const port = option("port", 0);
const heapPairs = option("heap-pairs", 500);
const summary: Record<string, unknown> = { at: new Date().toISOString() };
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
function initialJsGzip(): { files: string[]; bytes: number; brBytes: number } {
  const dist = join(root, "dist/client");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const read = (file: string) => readFileSync(join(dist, file.replace(/^\//, "")));
  const bytes = files.reduce((sum, file) => sum + gzipSync(read(file)).length, 0);
  // What the server sends a browser that takes brotli: the build's .br file when there is one.
  const brOf = (file: string) => (existsSync(join(dist, `${file.replace(/^\//, "")}.br`)) ? readFileSync(join(dist, `${file.replace(/^\//, "")}.br`)).length : brotliCompressSync(read(file)).length);
  return { files, bytes, brBytes: files.reduce((sum, file) => sum + brOf(file), 0) };
}

const FRAME_MS = 1000 / 60;
/** The first moves after the page loads, reported apart (cold code, caches filling). */
const COLD_MOVES = 5;



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
    // One page load, then moves, as a curator's session goes: a split shorter than `steps` is walked
    // in laps, each lap going back to the first pair inside the app (a history move, no reload).
    // The first moves after the load run cold code; they are reported apart as well.
    await page.goto(`${url}/review/${encodeURIComponent(ids[0]!)}?split=${encodeURIComponent(split)}`);
    while (times.length < steps) {
      await page.locator(`[data-testid="pair-canvas"][data-pair-id="${ids[0]}"][data-render-state="ready"]`).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      for (let i = 1; i < ids.length && times.length < steps; i++) {
        await armRenderProbe(page, ids[i]!);
        await page.keyboard.press("j");
        times.push(Number(await page.evaluate("window.__benchResult")));
        if (process.env.BENCH_VERBOSE) console.log(ids[i], times[times.length - 1]!.toFixed(1));
        await page.waitForTimeout(gapMs);
      }
      const first = `/review/${encodeURIComponent(ids[0]!)}?split=${encodeURIComponent(split)}`;
      await page.evaluate(`history.pushState(null, "", ${JSON.stringify(first)}); dispatchEvent(new PopStateEvent("popstate"))`);
    }
    const cold = [...times.slice(0, COLD_MOVES)].sort((a, b) => a - b);
    const sorted = [...times].sort((a, b) => a - b);
    const fmt = (n: number) => `${n.toFixed(1)} ms`;
    const p95 = percentile(sorted, 95);
    console.log(
      `${label}: ${times.length} moves with j → ready (in the page)  p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(p95)}  max ${fmt(sorted[sorted.length - 1]!)}  ` +
        `· floor one frame ${fmt(FRAME_MS)} · p95 ${(p95 / FRAME_MS).toFixed(2)} frames (target p95 ≤ 16 ms: ${p95 <= 16 ? "met" : "NOT met"})`,
    );
    console.log(`${label}: the first ${cold.length} moves after the page loaded: median ${fmt(percentile(cold, 50))}, max ${fmt(cold[cold.length - 1]!)}`);
    summary[`move:${label}`] = { moves: times.length, p50: percentile(sorted, 50), p95, max: sorted[sorted.length - 1], coldMedian: percentile(cold, 50), coldMax: cold[cold.length - 1] };
  } finally {
    await browser.close();
  }
}

/**
 * Reviews `count` pairs in a row with `a` (accept, go on), reading the page's JS heap after a
 * forced garbage collection at 0, half and all of them: it must level off, not grow per pair.
 */
async function heapWalk(url: string, split: string, label: string, count: number): Promise<void> {
  const listResponse = await fetch(`${url}/api/pairs?split=${encodeURIComponent(split)}&status=pending&limit=${Math.min(1000, count + 1)}`);
  const ids = ((await listResponse.json()) as { items: { id: string }[] }).items.map((item) => item.id);
  const total = Math.min(count, ids.length - 1);
  const browser = await chromium.launch({
    executablePath: process.env.MMR_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => localStorage.setItem("mmr-review.reviewer", JSON.stringify({ state: { name: "bench" }, version: 0 })));
    const cdp = await page.context().newCDPSession(page);
    const heapMb = async (): Promise<number> => {
      await cdp.send("HeapProfiler.collectGarbage");
      const usage = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
      return usage.usedSize / 1e6;
    };
    await page.goto(`${url}/review/${encodeURIComponent(ids[0]!)}?split=${encodeURIComponent(split)}&status=pending`);
    await page.locator(`[data-testid="pair-canvas"][data-pair-id="${ids[0]}"][data-render-state="ready"]`).waitFor({ timeout: 30_000 });
    const marks = [0, Math.floor(total / 2), total];
    const heap: Record<string, number> = { 0: await heapMb() };
    for (let i = 1; i <= total; i++) {
      await armRenderProbe(page, ids[i]!);
      await page.keyboard.press("a");
      await page.evaluate("window.__benchResult");
      if (marks.includes(i)) heap[i] = await heapMb();
    }
    const [a, b, c] = marks.map((m) => heap[m]!);
    const growth = c! - b!;
    console.log(
      `${label}: JS heap after 0 / ${marks[1]} / ${marks[2]} reviewed pairs: ${a!.toFixed(1)} / ${b!.toFixed(1)} / ${c!.toFixed(1)} MB · ` +
        `growth over the second half ${growth.toFixed(1)} MB (target ≤ 20 MB: ${growth <= 20 ? "met" : "NOT met"})`,
    );
    summary[`heap:${label}`] = { reviewed: marks, heapMb: [a, b, c], growthMb: growth };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  buildIfNeeded();
  const bundle = initialJsGzip();
  console.log(`initial JS: ${(bundle.bytes / 1024).toFixed(1)} KB gzip, ${(bundle.brBytes / 1024).toFixed(1)} KB brotli as served (${bundle.files.join(", ")}; target ≤ 250 KB gzip)`);
  summary.initialJs = { files: bundle.files, gzipBytes: bundle.bytes, brotliBytes: bundle.brBytes };

  const data = textOption("data");
  const images = textOption("images");
  const sample = await startServer(data ? ["--data", data, ...(images ? ["--images", images] : [])] : [], { timeoutMs: 180_000, port });
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
    const scale = await startServer(["--data", scaleFile, ...(existsSync(images) ? ["--images", images] : [])], { timeoutMs: 300_000, port });
    try {
      await walk(scale.url, "MMR_scale", "scale");
      await heapWalk(scale.url, "MMR_scale", "scale", heapPairs);
    } finally {
      await scale.stop();
    }
  } else {
    console.log("no bench-data/MMR_scale.json: skipped the large split (npm run gen:scale -- --pairs 154000 --out bench-data/MMR_scale.json)");
    const small = join(root, "bench-data/MMR_ui.json");
    if (!existsSync(small)) {
      mkdirSync(dirname(small), { recursive: true });
      spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/gen-scale.ts"), "--pairs", "1000", "--out", small], { cwd: root, stdio: "ignore" });
    }
    const server = await startServer(["--data", small], { timeoutMs: 180_000, port });
    try {
      await heapWalk(server.url, "MMR_ui", "1,000-pair split", heapPairs);
    } finally {
      await server.stop();
    }
  }
}

function writeSummary(): void {
  const out = join(root, "bench-data/bench-ui.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

await main();
writeSummary();
