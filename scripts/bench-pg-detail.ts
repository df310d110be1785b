import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { clientConfig } from "../src/server/storage/pg/connection";
import { adminUrl, withDatabase } from "../src/server/storage/pg/testDb";
import { BENCH_SPLIT, isMain, percentile } from "./bench/common";
import { processUsage, startServer } from "./bench-load";

/*
 * npx tsx scripts/bench-pg-detail.ts --db mmr_bench_<pid> [--roots .,../pgread-base --requests 400 --rounds 3 --split S --cpu-prof]
 *
 * What one pair detail (GET /api/pairs/:id?split=…, the review screen's request) and one
 * decision PUT without edits cost on PostgreSQL, in CPU rather than wall time: on a machine
 * shared with other work the wall time of a request is mostly waiting for a core, its CPU is not.
 * For each server root (a worktree: its bin/mmr-review.mjs serves the kept database of an earlier
 * `npm run bench:team -- --keep`), one `serve` process; one client walks `--requests` pairs one
 * after the other (detail, then a decision on it), and the run reports wall p50/p95 per request
 * beside the CPU per request of the server process and of the PostgreSQL backends serving this
 * database (their utime + stime from /proc; other databases' backends are not counted). Roots
 * are interleaved `--rounds` times so that a change of machine load hits each the same.
 * Prints numbers, asserts nothing. Decisions accumulate in the database (each run decides again).
 */

function cpuOfPids(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += processUsage(pid).cpuMs;
    } catch {
      // the backend ended meanwhile
    }
  }
  return sum;
}

/** Backends of `name` (ours and no other database's). */
async function backends(admin: pg.Client, name: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  return rows.map((r) => r.pid);
}

interface Measure {
  detail: number[];
  decision: number[];
  /** CPU ms of the server process and of the database's backends, per kind. */
  cpu: { detail: { server: number; pg: number }; decision: { server: number; pg: number } };
  pairs: number;
}

const emptyMeasure = (): Measure => ({ detail: [], decision: [], cpu: { detail: { server: 0, pg: 0 }, decision: { server: 0, pg: 0 } }, pairs: 0 });

/** Opens each pair (the queue's split filter); the versions, for the decisions. */
async function details(url: string, split: string, ids: readonly string[], times: number[]): Promise<number[]> {
  const versions: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    const res = await fetch(`${url}/api/pairs/${encodeURIComponent(id)}?split=${encodeURIComponent(split)}`);
    const detail = (await res.json()) as { decision: { version: number } | null };
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`GET ${id} answered ${res.status}`);
    versions.push(detail.decision?.version ?? 0);
  }
  return versions;
}

/** Accepts each pair as imported (no edits), on the version its detail showed. */
async function decisions(url: string, ids: readonly string[], versions: readonly number[], times: number[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const t = performance.now();
    const put = await fetch(`${url}/api/pairs/${encodeURIComponent(id)}/decision`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: i % 10 === 0 ? "rejected" : "accepted", ...(i % 10 === 0 ? { reasons: ["wrong_target"] } : {}), reviewer: "bench-detail", baseVersion: versions[i] }),
    });
    await put.arrayBuffer();
    times.push(performance.now() - t);
    if (put.status !== 200 && put.status !== 409) throw new Error(`PUT ${id} answered ${put.status}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      roots: { type: "string", default: "." },
      requests: { type: "string", default: "400" },
      rounds: { type: "string", default: "3" },
      split: { type: "string", default: BENCH_SPLIT },
      "cpu-prof": { type: "boolean", default: false },
    },
  });
  const name = values.db;
  if (name === undefined || !/^\w+$/.test(name)) throw new Error("--db takes the name of a database kept by `npm run bench:team -- --keep`");
  const url = withDatabase(adminUrl(), name);
  const roots = values.roots.split(",");
  const requests = Number(values.requests);
  const admin = new pg.Client(clientConfig(adminUrl()));
  await admin.connect();
  const db = new pg.Client(clientConfig(url));
  await db.connect();
  try {
    const total = Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM pairs WHERE split = $1", [values.split])).rows[0]!.n);
    const step = Math.max(1, Math.floor(total / requests));
    const { rows } = await db.query<{ id: string }>("SELECT id FROM pairs WHERE split = $1 AND seq % $2 = 3 ORDER BY seq LIMIT $3", [values.split, step, requests]);
    const ids = rows.map((r) => r.id);
    console.log(`load     ${loadavg().map((n) => n.toFixed(2)).join(", ")}; ${ids.length} pairs of ${total}, roots ${roots.join(" | ")}`);
    const results = new Map<string, Measure>(roots.map((root) => [root, emptyMeasure()]));
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const root of roots) {
        const { url: base, child } = await startServer(url, values["cpu-prof"], root);
        try {
          const versions = await details(base, values.split, ids.slice(0, 20), []);
          await decisions(base, ids.slice(0, 20), versions, []);
          const out = results.get(root)!;
          const pids = await backends(admin, name);
          const usage = () => ({ server: processUsage(child.pid!).cpuMs, pg: cpuOfPids(pids) });
          const add = (into: { server: number; pg: number }, from: { server: number; pg: number }) => {
            const now = usage();
            into.server += now.server - from.server;
            into.pg += now.pg - from.pg;
          };
          let from = usage();
          const seen = await details(base, values.split, ids, out.detail);
          add(out.cpu.detail, from);
          from = usage();
          await decisions(base, ids, seen, out.decision);
          add(out.cpu.decision, from);
          out.pairs += ids.length;
          const after = await backends(admin, name);
          const fresh = after.filter((pid) => !pids.includes(pid)).length;
          if (fresh > 0) console.log(`         (${root}: ${fresh} backends started during the walk, not counted)`);
        } finally {
          const exited = new Promise((done) => child.once("exit", done));
          child.kill("SIGTERM");
          await exited;
        }
      }
    }
    for (const [root, m] of results) {
      const d = [...m.detail].sort((a, b) => a - b);
      const w = [...m.decision].sort((a, b) => a - b);
      const per = (ms: number) => (ms / m.pairs).toFixed(2);
      console.log(
        `${root.padEnd(18)} detail   p50 ${percentile(d, 50).toFixed(1).padStart(5)} p95 ${percentile(d, 95).toFixed(1).padStart(5)} ms; CPU per request: server ${per(m.cpu.detail.server)} ms, PostgreSQL ${per(m.cpu.detail.pg)} ms`,
      );
      console.log(
        `${"".padEnd(18)} decision p50 ${percentile(w, 50).toFixed(1).padStart(5)} p95 ${percentile(w, 95).toFixed(1).padStart(5)} ms; CPU per request: server ${per(m.cpu.decision.server)} ms, PostgreSQL ${per(m.cpu.decision.pg)} ms (${m.pairs} pairs)`,
      );
    }
    console.log(`load     ${loadavg().map((n) => n.toFixed(2)).join(", ")} at the end`);
  } finally {
    await db.end();
    await admin.end();
  }
}

if (isMain(import.meta.url)) await main();
