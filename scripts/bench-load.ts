import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { benchDataOptions, ensureBenchDb, isMain, percentile } from "./bench/common";
import { httpCall, type HttpAnswer, type HttpCall } from "./bench/http";
import { seedDecisions } from "./bench-export";

/*
 * npm run bench:load [-- --seconds 60 --reviewers 1,10,50 --think 0,300 --jitter 0.5 --db D --split S --cpu-prof]
 *
 * A reviewing team against the real server (`mmr-review serve`, SQLite) on the 154K-pair bench
 * split with 55% of it decided. Each reviewer loops: open the pair (GET /api/pairs/:id with the
 * queue's filter, which computes its neighbours), decide it (PUT …/decision), every 20th loop
 * a page of the pending queue, every 100th the dashboard's stats, then waits the think time and
 * moves to the `next` the detail named. Reviewers start spread over the split. Prints p50/p95/
 * p99 per request kind, throughput, and the server's RSS and CPU, beside the floor of a detail
 * (its bare queries on a separate connection, no HTTP); writes bench-data/bench-load.json.
 * The load generator runs on the same machine and takes CPU from the server: it is a worst case.
 */

export type Kind = "detail" | "decision" | "list" | "stats";
export const KINDS: Kind[] = ["detail", "decision", "list", "stats"];

export interface Samples {
  times: Record<Kind, number[]>;
  errors: Record<Kind, number>;
  /** 409 answers (a lost compare-and-set is a success for the load, counted apart). */
  conflicts: number;
  /** Failed answers other than 409, by HTTP status. */
  failures: Record<string, number>;
  loops: number;
}


/** A `serve` process of the checkout at `root` (default: this one; a second worktree compares versions). */
export function startServer(db: string, cpuProf: boolean, root = "."): Promise<{ url: string; child: ChildProcess }> {
  const args = [...(cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${resolve("bench-data/profiles")}`] : []), resolve(root, "bin/mmr-review.mjs"), "serve", "--port", "0", "--db", db];
  const child = spawn(process.execPath, args, { cwd: resolve(root), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 120_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/[\w.[\]:-]+:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ url: match[0], child });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => fail(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** utime + stime of a process in ms and its resident set in MB, from /proc (Linux). */
export function processUsage(pid: number): { cpuMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of stat(5)
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return { cpuMs: ticks * 10, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

/** Median time of a pair detail's bare queries (pair row, image row with its annotations, neighbours). */
function detailFloor(db: string, split: string, ids: string[]): number {
  const conn = new Database(db, { readonly: true });
  try {
    const pair = conn.prepare("SELECT * FROM pairs WHERE id = ?");
    const image = conn.prepare("SELECT * FROM images WHERE pk = ?");
    const next = conn.prepare("SELECT id FROM pairs WHERE split = ? AND seq > ? ORDER BY seq LIMIT 1");
    const prev = conn.prepare("SELECT id FROM pairs WHERE split = ? AND seq < ? ORDER BY seq DESC LIMIT 1");
    const samples: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      const row = pair.get(id) as { image_pk: number; seq: number };
      image.get(row.image_pk);
      next.get(split, row.seq);
      prev.get(split, row.seq);
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    return percentile(samples, 50);
  } finally {
    conn.close();
  }
}

/** p50 and p99 of appending 4 KB to a file and fdatasync-ing it: the disk's part of a durable commit. */
function syncFloor(dir: string): { p50: number; p99: number } {
  const file = resolve(dir, "bench-load.sync-floor");
  const fd = openSync(file, "w");
  const page = Buffer.alloc(4096, 1);
  const samples: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      writeSync(fd, page);
      const t = performance.now();
      fdatasyncSync(fd);
      samples.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** One timed request: null when it failed (no answer, or a status other than 2xx and 409). */
export async function request(kind: Kind, samples: Samples, url: string, call: HttpCall = {}): Promise<HttpAnswer | null> {
  try {
    const answer = await httpCall(url, call);
    samples.times[kind].push(answer.ms);
    if (answer.status === 409) samples.conflicts++;
    else if (answer.status < 200 || answer.status >= 300) {
      samples.failures[answer.status] = (samples.failures[answer.status] ?? 0) + 1;
      samples.errors[kind]++;
      return null;
    }
    return answer;
  } catch {
    samples.errors[kind]++;
    return null;
  }
}

/**
 * One reviewer's loop until `until`. `startAfterMs` delays its first request: the runs spread their
 * reviewers' starts over one think time (reviewer r of n after thinkMs × r / n), as people who do
 * not press their keys in the same millisecond; started together, 50 reviewers stayed in step for
 * the first seconds and those bursts made most of a run's slowest 1 %. Each pause is `thinkMs`
 * × (1 ± `jitter`), uniformly (the runs use ±50 %, as bench:decisions does; 0 = always thinkMs).
 * With a fixed pause the reviewers fall into step: answers released together by one shared WAL
 * sync come back together 300 ms later, and on SQLite 13–32 decisions then arrived in one turn of
 * the event loop (p95/p99 of the group commit's batch size; 1–2 with ±50 %).
 */
export async function reviewer(
  url: string,
  split: string,
  name: string,
  startId: string,
  thinkMs: number,
  until: number,
  samples: Samples,
  { startAfterMs = 0, jitter = 0 }: { startAfterMs?: number; jitter?: number } = {},
): Promise<void> {
  if (startAfterMs > 0) await new Promise((done) => setTimeout(done, startAfterMs));
  let id: string | null = startId;
  let loop = 0;
  let cursor: string | null = null;
  const q = `split=${encodeURIComponent(split)}`;
  while (id !== null && performance.now() < until) {
    loop++;
    const current: string = id;
    const detailAnswer = await request("detail", samples, `${url}/api/pairs/${encodeURIComponent(current)}?${q}`);
    if (!detailAnswer) break;
    const detail = JSON.parse(detailAnswer.body) as { next: string | null; decision: { version: number } | null };
    const reject = loop % 10 === 0;
    const body = JSON.stringify({
      status: reject ? "rejected" : "accepted",
      ...(reject ? { reasons: ["wrong_target"] } : {}),
      reviewer: name,
      baseVersion: detail.decision?.version ?? 0,
    });
    await request("decision", samples, `${url}/api/pairs/${encodeURIComponent(current)}/decision`, { method: "PUT", body });
    if (loop % 20 === 0) {
      const page = await request("list", samples, `${url}/api/pairs?${q}&status=pending&limit=50${cursor ? `&cursor=${cursor}` : ""}`);
      if (page) cursor = (JSON.parse(page.body) as { nextCursor: string | null }).nextCursor;
    }
    if (loop % 100 === 0) await request("stats", samples, `${url}/api/stats?${q}`);
    samples.loops++;
    id = detail.next;
    if (thinkMs > 0) await new Promise((done) => setTimeout(done, thinkMs * (1 - jitter + 2 * jitter * Math.random())));
  }
}

/** Pair ids spread evenly over the split, one per reviewer. */
function startIds(db: string, split: string, count: number): string[] {
  const conn = new Database(db, { readonly: true });
  try {
    const total = conn.prepare("SELECT count(*) FROM pairs WHERE split = ?").pluck().get(split) as number;
    const at = conn.prepare("SELECT id FROM pairs WHERE split = ? AND seq >= ? ORDER BY seq LIMIT 1").pluck();
    return Array.from({ length: count }, (_, r) => at.get(split, Math.floor((r * total) / count) + 7) as string);
  } finally {
    conn.close();
  }
}

interface ConfigResult {
  reviewers: number;
  thinkMs: number;
  seconds: number;
  loopsPerSecond: number;
  requestsPerSecond: number;
  kinds: Record<Kind, { n: number; errors: number; p50: number; p95: number; p99: number }>;
  server: { cpuPercent: number; rssMb: number; peakRssMb: number };
  /** CPU of this load generator, which shares the machine with the server. */
  clientCpuPercent: number;
}

/** `--jitter`: the share a pause varies by either way, 0 (fixed pauses) to 1. */
export function thinkJitter(text: string): number {
  const jitter = Number(text);
  if (!Number.isFinite(jitter) || jitter < 0 || jitter > 1) throw new Error(`--jitter takes a number from 0 to 1, not ${JSON.stringify(text)}`);
  return jitter;
}

export function newSamples(): Samples {
  return { times: { detail: [], decision: [], list: [], stats: [] }, errors: { detail: 0, decision: 0, list: 0, stats: 0 }, conflicts: 0, failures: {}, loops: 0 };
}

async function runConfig(db: string, split: string, reviewers: number, thinkMs: number, seconds: number, cpuProf: boolean, jitter: number): Promise<ConfigResult> {
  const { url, child } = await startServer(db, cpuProf);
  try {
    const ids = startIds(db, split, reviewers);
    const samples = newSamples();
    // One warm-up loop per reviewer, not counted: first statements prepared, pages cached.
    const warmUp = newSamples();
    await Promise.all(ids.map((id, r) => reviewer(url, split, `load${r}`, id, 0, performance.now() + 1, warmUp)));
    const before = processUsage(child.pid!);
    const clientCpu = process.cpuUsage();
    let peakRssMb = before.rssMb;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, processUsage(child.pid!).rssMb)), 500);
    const started = performance.now();
    await Promise.all(ids.map((id, r) => reviewer(url, split, `load${r}`, id, thinkMs, started + seconds * 1000, samples, { startAfterMs: (thinkMs * r) / ids.length, jitter })));
    const wall = performance.now() - started;
    clearInterval(sampler);
    const after = processUsage(child.pid!);
    const client = process.cpuUsage(clientCpu);
    const kinds = Object.fromEntries(
      KINDS.map((kind) => {
        const sorted = [...samples.times[kind]].sort((a, b) => a - b);
        return [kind, { n: sorted.length, errors: samples.errors[kind], p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }];
      }),
    ) as ConfigResult["kinds"];
    const requests = KINDS.reduce((sum, kind) => sum + samples.times[kind].length, 0);
    return {
      reviewers,
      thinkMs,
      seconds: wall / 1000,
      loopsPerSecond: samples.loops / (wall / 1000),
      requestsPerSecond: requests / (wall / 1000),
      kinds,
      server: { cpuPercent: ((after.cpuMs - before.cpuMs) / wall) * 100, rssMb: after.rssMb, peakRssMb: Math.max(peakRssMb, after.rssMb) },
      clientCpuPercent: ((client.user + client.system) / 1000 / wall) * 100,
    };
  } finally {
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...benchDataOptions,
      seconds: { type: "string", default: "60" },
      reviewers: { type: "string", default: "1,10,50" },
      think: { type: "string", default: "0,300" },
      jitter: { type: "string", default: "0.5" },
      out: { type: "string", default: "bench-data/bench-load.json" },
      "cpu-prof": { type: "boolean", default: false },
    },
  });
  await ensureBenchDb(values.file, values.db);
  const seeded = await seedDecisions(values.db, values.split);
  if (seeded > 0) console.log(`seeded ${seeded} decisions into ${values.db}`);
  // The run writes decisions: work on a copy so every run starts from the same database.
  const db = resolve(dirname(values.db), "bench-load.db");
  const seconds = Number(values.seconds);
  const reviewerCounts = values.reviewers.split(",").map(Number);
  const thinks = values.think.split(",").map(Number);
  const jitter = thinkJitter(values.jitter);
  if (values["cpu-prof"]) mkdirSync("bench-data/profiles", { recursive: true });

  console.log(`load     ${loadavg().map((n) => n.toFixed(2)).join(", ")} (1, 5, 15 min) on ${availableParallelism()} cores`);
  const floorIds = startIds(values.db, values.split, 200);
  const floorMs = detailFloor(values.db, values.split, floorIds);
  console.log(`floor    pair detail, bare queries on the database (no HTTP, no JSON): median ${floorMs.toFixed(3)} ms`);
  const sync = syncFloor(dirname(values.db));
  console.log(`floor    decision: append 4 KB + fdatasync on the database's disk: p50 ${sync.p50.toFixed(2)} ms, p99 ${sync.p99.toFixed(2)} ms`);
  console.log(`think    each pause think × (1 ± ${jitter}), uniformly; reviewers' starts spread over one think time`);
  console.log("reviewers think   loops/s   req/s | detail p50/p95/p99 ms   | decision p50/p95/p99 ms | list p50/p95/p99 ms     | stats p50/p99 ms | server CPU  RSS (peak) | client CPU");
  const results: ConfigResult[] = [];
  for (const thinkMs of thinks) {
    for (const reviewers of reviewerCounts) {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
      copyFileSync(values.db, db);
      const result = await runConfig(db, values.split, reviewers, thinkMs, seconds, values["cpu-prof"], jitter);
      results.push(result);
      const k = result.kinds;
      const f = (n: number) => (Number.isNaN(n) ? "-" : n < 10 ? n.toFixed(1) : n.toFixed(0));
      const three = (kind: Kind) => `${f(k[kind].p50)}/${f(k[kind].p95)}/${f(k[kind].p99)}`.padEnd(23);
      const errors = KINDS.reduce((sum, kind) => sum + k[kind].errors, 0);
      console.log(
        `${String(reviewers).padStart(9)} ${String(thinkMs).padStart(5)} ${result.loopsPerSecond.toFixed(1).padStart(9)} ${result.requestsPerSecond.toFixed(0).padStart(7)} | ` +
          `${three("detail")} | ${three("decision")} | ${three("list")} | ${`${f(k.stats.p50)}/${f(k.stats.p99)}`.padEnd(16)} | ` +
          `${result.server.cpuPercent.toFixed(0).padStart(4)} %  ${result.server.rssMb.toFixed(0)} (${result.server.peakRssMb.toFixed(0)}) MB | ${result.clientCpuPercent.toFixed(0)} %` +
          (errors > 0 ? `  ${errors} errors` : ""),
      );
    }
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });

  const one = results.find((r) => r.reviewers === 1 && r.thinkMs === (thinks.includes(0) ? 0 : thinks[0]));
  const team = results.find((r) => r.reviewers === 50 && r.thinkMs === 300);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  if (one) console.log(`target   1 reviewer: detail p95 ≤ 10 ms: ${one.kinds.detail.p95.toFixed(1)} ms (${(one.kinds.detail.p95 / floorMs).toFixed(0)}× the bare queries), ${verdict(one.kinds.detail.p95 <= 10)}; stats p50 ≤ 50 ms: ${one.kinds.stats.p50.toFixed(1)} ms, ${verdict(!(one.kinds.stats.p50 > 50))}`);
  if (team) console.log(`target   50 reviewers, 300 ms think: decision p99 ≤ 50 ms: ${team.kinds.decision.p99.toFixed(1)} ms, ${verdict(team.kinds.decision.p99 <= 50)}; list p99 ≤ 200 ms: ${team.kinds.list.p99.toFixed(1)} ms, ${verdict(team.kinds.list.p99 <= 200)}`);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify({ at: new Date().toISOString(), store: "sqlite", db: values.db, split: values.split, floorDetailMs: floorMs, floorSyncMs: sync, loadAverage: loadavg(), results }, null, 2)}\n`);
  console.log(`wrote ${values.out}`);
  if (!existsSync(values.out)) process.exitCode = 1;
}

if (isMain(import.meta.url)) await main();
