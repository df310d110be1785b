import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/* What bench:import, bench:export and bench:queries share: the bench data, child runs, measures. */

export const BENCH_FILE = "bench-data/MMR_scale.json";
export const BENCH_DB = "bench-data/bench-review.db";
export const BENCH_SPLIT = "MMR_scale";

/** The `parseArgs` options naming the bench data, with its defaults. */
export const benchDataOptions = {
  db: { type: "string", default: BENCH_DB },
  file: { type: "string", default: BENCH_FILE },
  split: { type: "string", default: BENCH_SPLIT },
} as const;

/** Whether the module at `moduleUrl` (its `import.meta.url`) is the script Node was started with. */
export function isMain(moduleUrl: string): boolean {
  return resolve(process.argv[1] ?? "") === fileURLToPath(moduleUrl);
}

/** Runs a TypeScript script in a fresh Node process (tsx loader) and returns its stdout. */
export function runTs(script: string, args: string[], opts: { inheritStdout?: boolean } = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      stdio: ["ignore", opts.inheritStdout ? "inherit" : "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(out) : fail(new Error(`${script} exited with ${code}`))));
  });
}

/** Generates the benchmark split with scripts/gen-scale.ts when it is not there yet. */
export async function ensureBenchFile(file = BENCH_FILE, pairs = 154_000): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  process.stderr.write(`generating ${file} (${pairs} pairs) with gen:scale…\n`);
  await runTs("scripts/gen-scale.ts", ["--pairs", String(pairs), "--out", file], { inheritStdout: true });
  process.stderr.write("\n");
}

/** The bench database with the split imported, importing it (in a child process) when absent. */
export async function ensureBenchDb(file = BENCH_FILE, db = BENCH_DB, pairs = 154_000): Promise<void> {
  if (existsSync(db)) return;
  await ensureBenchFile(file, pairs);
  process.stderr.write(`importing ${file} into ${db}…\n`);
  await runTs("scripts/bench-import.ts", ["--file", file, "--db", db, "--child", "import"]);
}

/** Wall and CPU time (user + system) of `run` in this process. */
export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Peak resident memory of this process in MB (`maxRSS` is in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Nearest-rank percentile of an ascending list (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
