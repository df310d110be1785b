import { type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { FlagId, Granularity } from "../src/shared/domain";
import type { SaveDecisionRequest } from "../src/server/storage/store";
import { importSplit } from "../src/server/import/importSplit";
import { clientConfig } from "../src/server/storage/pg/connection";
import { PgStore } from "../src/server/storage/pg/pgStore";
import { adminUrl, withDatabase } from "../src/server/storage/pg/testDb";
import { BENCH_FILE, BENCH_SPLIT, ensureBenchFile, isMain, percentile, peakRssMb, runTs, timed } from "./bench/common";
import { KINDS, newSamples, processUsage, reviewer, startServer, thinkJitter, type Kind } from "./bench-load";

/*
 * npm run bench:team [-- --file F --seconds 60 --reviewers 50 --servers 2 --think 300 --jitter 0.5 --rounds 300 --keep]
 *                     [-- --db mmr_bench_<pid> --only team,events,queries --cpu-prof --root ../other-worktree]
 *
 * Issue 10's team-server benchmarks on PostgreSQL, in one run on a fresh database of the server
 * that runs the tests (MMR_TEST_DATABASE_URL, else the local cluster; named mmr_bench_<pid>,
 * dropped at the end unless --keep):
 *  (a) import of the 154K-pair gen:scale split in a child process (wall, CPU, peak RSS), beside its
 *      floor (the same bytes cut into records and JSON.parse'd); targets ≤ 60 s and ≤ 512 MB;
 *  (b) 55 % of the split decided, then `--servers` `serve` processes on that database and
 *      `--reviewers` reviewers spread over them, bench:load's loop (open pair, decide, every 20th
 *      a list page, every 100th stats; pauses of `--think` ms ± `--jitter`) for `--seconds`:
 *      p50/p95/p99 per kind, errors other than genuine 409s, each server's CPU and RSS; targets
 *      decision p99 ≤ 30 ms, detail p95 ≤ 20 ms, 0 errors;
 *  (c) a decision PUT on server 1 → its SSE event on server 2 (`--rounds`): p95 ≤ 250 ms;
 *  (d) list and filter pages and stats on the 154K split, one client: ≤ 100 ms each.
 * `--db NAME` reuses a database kept by an earlier `--keep` run (import and seed skipped, the
 * database kept): the decisions of the earlier loops stay, so numbers drift a little from a fresh
 * run's. `--only` picks sections of (b)–(d); `--cpu-prof` writes each server's V8 CPU profile to
 * bench-data/profiles; `--root` serves from another checkout (a worktree of an earlier commit) to
 * compare versions on one database.
 * Prints numbers and writes bench-data/bench-team.json; asserts nothing. The load generator
 * shares the machine with the servers and PostgreSQL: a worst case.
 */

interface Options {
  file: string;
  url: string;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(clientConfig(adminUrl()));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The child run of (a): imports the file into the (empty) database and reports its own measures. */
async function childImport(opts: Options): Promise<{ wallMs: number; cpuMs: number; pairs: number; images: number; peakRssMb: number }> {
  const store = await PgStore.open(opts.url);
  try {
    const { result, wallMs, cpuMs } = await timed(() => importSplit(store, opts.file));
    return { wallMs, cpuMs, pairs: result.pairs, images: result.images, peakRssMb: peakRssMb() };
  } finally {
    await store.close();
  }
}

/** 11 of every 20 pairs decided (2 rejected, 9 accepted, one of them with an edited question), as bench:load's SQLite seed. */
async function seed(url: string, split: string): Promise<{ decided: number; ms: number }> {
  const store = await PgStore.open(url);
  const started = performance.now();
  try {
    let decided = 0;
    let n = 0;
    let cursor: string | undefined;
    const chunks: SaveDecisionRequest[][] = [];
    for (;;) {
      const page = await store.listPairs({ split, limit: 1000, ...(cursor ? { cursor } : {}) });
      const requests: SaveDecisionRequest[] = [];
      for (const pair of page.items as { id: string; question: string; flags: FlagId[]; granularity: Granularity }[]) {
        const k = n++ % 20;
        if (k >= 11) continue;
        const edits = k === 2 ? { question: `${pair.question} (edited)` } : null;
        requests.push({
          id: pair.id,
          input:
            k < 2
              ? { status: "rejected" as const, reasons: ["wrong_target" as const], reviewer: "bench", baseVersion: 0 }
              : { status: "accepted" as const, reviewer: "bench", baseVersion: 0, edits },
          flags: pair.flags,
          granularity: pair.granularity,
          now: new Date().toISOString(),
        });
      }
      chunks.push(requests);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    // One group commit at a time: four concurrent ones failed with "deadlock detected" in a run.
    for (const chunk of chunks) for (const result of await store.saveDecisions(chunk)) if (result.kind === "saved") decided++;
    return { decided, ms: performance.now() - started };
  } finally {
    await store.close();
  }
}

async function pairCount(url: string, split: string): Promise<number> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM pairs WHERE split = $1", [split])).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function startIds(url: string, split: string, count: number): Promise<string[]> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    const total = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM pairs WHERE split = $1", [split])).rows[0]!.n);
    const ids: string[] = [];
    for (let r = 0; r < count; r++) {
      const { rows } = await client.query<{ id: string }>("SELECT id FROM pairs WHERE split = $1 AND seq >= $2 ORDER BY seq LIMIT 1", [
        split,
        Math.floor((r * total) / count) + 7,
      ]);
      ids.push(rows[0]!.id);
    }
    return ids;
  } finally {
    await client.end();
  }
}

const f = (n: number) => (Number.isNaN(n) ? "-" : n < 10 ? n.toFixed(1) : n.toFixed(0));
const stop = async (child: ChildProcess) => {
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
};

interface LoadResult {
  servers: number;
  reviewers: number;
  thinkMs: number;
  seconds: number;
  loopsPerSecond: number;
  requestsPerSecond: number;
  kinds: Record<Kind, { n: number; errors: number; conflicts: number; p50: number; p95: number; p99: number }>;
  perServer: { cpuPercent: number; rssMb: number; peakRssMb: number }[];
  /** CPU of the whole machine, of this load generator, and the rest (PostgreSQL, the kernel), % of one core. */
  cpu: { machine: number; generator: number; rest: number };
  /** HTTP statuses of the failed requests (not 409), by status. */
  failures: Record<string, number>;
}

/** (b): reviewers r go to server r mod N. A 409 is counted apart from errors (bench-load counts it as a success). */
async function load(urls: string[], children: ChildProcess[], dbUrl: string, split: string, reviewers: number, thinkMs: number, jitter: number, seconds: number): Promise<LoadResult> {
  const ids = await startIds(dbUrl, split, reviewers);
  const warmUp = newSamples();
  await Promise.all(ids.map((id, r) => reviewer(urls[r % urls.length]!, split, `load${r}`, id, 0, performance.now() + 1, warmUp)));
  const samples = newSamples();
  const before = children.map((c) => processUsage(c.pid!));
  const machineBefore = machineBusyMs();
  const generatorBefore = process.cpuUsage();
  const peaks = before.map((u) => u.rssMb);
  const sampler = setInterval(() => children.forEach((c, i) => (peaks[i] = Math.max(peaks[i]!, processUsage(c.pid!).rssMb))), 500);
  const started = performance.now();
  try {
    await Promise.all(ids.map((id, r) => reviewer(urls[r % urls.length]!, split, `load${r}`, id, thinkMs, started + seconds * 1000, samples, { startAfterMs: (thinkMs * r) / ids.length, jitter })));
  } finally {
    clearInterval(sampler);
  }
  const wall = performance.now() - started;
  const after = children.map((c) => processUsage(c.pid!));
  const machine = ((machineBusyMs() - machineBefore) / wall) * 100;
  const generatorUsage = process.cpuUsage(generatorBefore);
  const generator = ((generatorUsage.user + generatorUsage.system) / 1000 / wall) * 100;
  const kinds = Object.fromEntries(
    KINDS.map((kind) => {
      const sorted = [...samples.times[kind]].sort((a, b) => a - b);
      return [
        kind,
        { n: sorted.length, errors: samples.errors[kind], conflicts: kind === "decision" ? samples.conflicts : 0, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
      ];
    }),
  ) as LoadResult["kinds"];
  const requests = KINDS.reduce((sum, kind) => sum + samples.times[kind].length, 0);
  const perServer = children.map((_, i) => ({
    cpuPercent: ((after[i]!.cpuMs - before[i]!.cpuMs) / wall) * 100,
    rssMb: after[i]!.rssMb,
    peakRssMb: Math.max(peaks[i]!, after[i]!.rssMb),
  }));
  return {
    servers: urls.length,
    reviewers,
    thinkMs,
    seconds: wall / 1000,
    loopsPerSecond: samples.loops / (wall / 1000),
    requestsPerSecond: requests / (wall / 1000),
    kinds,
    failures: samples.failures,
    perServer,
    cpu: { machine, generator, rest: machine - generator - perServer.reduce((sum, server) => sum + server.cpuPercent, 0) },
  };
}

/** Busy CPU time of the whole machine so far (all cores, /proc/stat: everything but idle and iowait), in ms. */
function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = fields.slice(0, 8).reduce((sum, ticks, i) => (i === 3 || i === 4 ? sum : sum + ticks), 0);
  return busy * 10;
}

/** (c): PUT on `writer`, the `decision` event on an SSE stream of `listener`. */
async function crossEvents(writer: string, listener: string, split: string, id: string, rounds: number): Promise<{ rounds: number; lost: number; p50: number; p95: number; max: number }> {
  const controller = new AbortController();
  const res = await fetch(`${listener}/api/events?split=${encodeURIComponent(split)}`, { signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`GET /api/events answered ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const waiting = new Map<number, (at: number) => void>();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      for (const match of buffer.matchAll(/^event: decision\ndata: (.*)$/gm)) {
        const event = JSON.parse(match[1]!) as { id?: string; pairId?: string; version: number };
        if ((event.id ?? event.pairId) === id) waiting.get(event.version)?.(at);
      }
      buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
    }
  })();
  await new Promise((done) => setTimeout(done, 300)); // the subscription is in place
  const detail = (await (await fetch(`${writer}/api/pairs/${encodeURIComponent(id)}?split=${encodeURIComponent(split)}`)).json()) as { decision: { version: number } | null };
  let version = detail.decision?.version ?? 0;
  const latencies: number[] = [];
  let lost = 0;
  for (let r = 0; r < rounds; r++) {
    const arrived = new Promise<number | null>((resolve) => {
      waiting.set(version + 1, resolve);
      setTimeout(() => resolve(null), 2000);
    });
    const put = await fetch(`${writer}/api/pairs/${encodeURIComponent(id)}/decision`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: r % 2 ? "rejected" : "accepted", reasons: r % 2 ? ["other"] : [], reviewer: "bench-events", baseVersion: version }),
    });
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
    const answered = performance.now();
    version = ((await put.json()) as { version?: number; decision?: { version: number } }).decision?.version ?? version + 1;
    const at = await arrived;
    waiting.delete(version);
    if (at === null) lost++;
    else latencies.push(at - answered);
  }
  controller.abort();
  latencies.sort((a, b) => a - b);
  return { rounds, lost, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? NaN };
}

/** (d): one client, each query `times` times after one warm-up: median and p95. */
async function queries(base: string, split: string, times: number): Promise<Record<string, { p50: number; p95: number; status: number }>> {
  const s = `split=${encodeURIComponent(split)}`;
  const first = (await (await fetch(`${base}/api/pairs?${s}&limit=50`)).json()) as { nextCursor: string | null };
  // A cursor deep in the split: walk 40 pages of 1000 (40K pairs in).
  let deep = first.nextCursor;
  for (let page = 0; page < 40 && deep; page++) {
    deep = ((await (await fetch(`${base}/api/pairs?${s}&limit=1000&cursor=${deep}`)).json()) as { nextCursor: string | null }).nextCursor;
  }
  const cases: Record<string, string> = {
    "list first page": `/api/pairs?${s}&limit=50`,
    "list page 40K pairs in": `/api/pairs?${s}&limit=50${deep ? `&cursor=${deep}` : ""}`,
    "filter status=pending": `/api/pairs?${s}&status=pending&limit=50`,
    "filter rejected + part": `/api/pairs?${s}&status=rejected&granularity=part&limit=50`,
    "filter category=mug": `/api/pairs?${s}&category=mug&limit=50`,
    "filter flag, sort=flagged": `/api/pairs?${s}&sort=flagged&limit=50`,
    "full text q=the": `/api/pairs?${s}&q=the&limit=50`,
    "full text q=chair": `/api/pairs?${s}&q=chair&limit=50`,
    "stats of the split": `/api/stats?${s}`,
    "stats, all splits": `/api/stats`,
  };
  const out: Record<string, { p50: number; p95: number; status: number }> = {};
  for (const [name, path] of Object.entries(cases)) {
    const times_: number[] = [];
    let status = 0;
    await (await fetch(base + path)).arrayBuffer();
    for (let i = 0; i < times; i++) {
      const t = performance.now();
      const response = await fetch(base + path);
      await response.arrayBuffer();
      times_.push(performance.now() - t);
      status = response.status;
    }
    times_.sort((a, b) => a - b);
    out[name] = { p50: percentile(times_, 50), p95: percentile(times_, 95), status };
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: "string", default: BENCH_FILE },
      split: { type: "string", default: BENCH_SPLIT },
      url: { type: "string" },
      child: { type: "string" },
      seconds: { type: "string", default: "60" },
      reviewers: { type: "string", default: "50" },
      servers: { type: "string", default: "2" },
      think: { type: "string", default: "300" },
      jitter: { type: "string", default: "0.5" },
      rounds: { type: "string", default: "300" },
      times: { type: "string", default: "20" },
      keep: { type: "boolean", default: false },
      db: { type: "string" },
      only: { type: "string", default: "team,events,queries" },
      "cpu-prof": { type: "boolean", default: false },
      root: { type: "string", default: "." },
      out: { type: "string", default: "bench-data/bench-team.json" },
    },
  });
  if (values.child === "import") {
    process.stdout.write(JSON.stringify(await childImport({ file: values.file, url: values.url! })));
    return;
  }
  const reuse = values.db;
  if (reuse !== undefined && !/^\w+$/.test(reuse)) throw new Error(`--db takes the name of a kept database (letters, digits, _), not ${JSON.stringify(reuse)}`);
  if (reuse === undefined) await ensureBenchFile(values.file);
  const name = reuse ?? `mmr_bench_${process.pid}`;
  const keep = values.keep || reuse !== undefined;
  if (reuse === undefined) await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(adminUrl(), name);
  const split = values.split;
  const only = new Set(values.only.split(","));
  const children: ChildProcess[] = [];
  const summary: Record<string, unknown> = { at: new Date().toISOString(), store: "postgresql", file: values.file, cores: availableParallelism() };
  try {
    console.log(`load     ${loadavg().map((n) => n.toFixed(2)).join(", ")} (1, 5, 15 min) on ${availableParallelism()} cores; database ${name}`);
    // (a)
    let pairs: number;
    if (reuse === undefined) {
      const parse = JSON.parse(await runTs("scripts/bench-import.ts", ["--file", values.file, "--db", "bench-data/unused.db", "--child", "parse"])) as { wallMs: number; peakRssMb: number };
      const imported = JSON.parse(await runTs("scripts/bench-team.ts", ["--file", values.file, "--url", url, "--child", "import"])) as Awaited<ReturnType<typeof childImport>>;
      const size = await admin(async (c) => Number((await c.query<{ n: string }>("SELECT pg_database_size($1) AS n", [name])).rows[0]!.n));
      console.log(
        `import   ${imported.pairs} pairs, ${imported.images} images (${(statSync(values.file).size / 1e6).toFixed(0)} MB) into PostgreSQL: ${(imported.wallMs / 1000).toFixed(1)} s, ` +
          `CPU ${(imported.cpuMs / 1000).toFixed(1)} s, peak RSS ${imported.peakRssMb.toFixed(0)} MB; database ${(size / 1e6).toFixed(0)} MB`,
      );
      console.log(`floor    read + cut + JSON.parse of the same file: ${(parse.wallMs / 1000).toFixed(1)} s → import is ${(imported.wallMs / parse.wallMs).toFixed(1)}× the floor`);
      console.log(`target   import ≤ 60 s: ${imported.wallMs <= 60_000 ? "met" : "NOT met"}; CLI peak RSS ≤ 512 MB: ${imported.peakRssMb <= 512 ? "met" : "NOT met"}`);
      summary.import = { ...imported, floorMs: parse.wallMs, databaseBytes: size, loadAverage: loadavg() };

      pairs = imported.pairs;
      const seeded = await seed(url, split);
      console.log(`seed     ${seeded.decided} decisions (group commits of ≤ 1000, one at a time): ${(seeded.ms / 1000).toFixed(1)} s`);
    } else {
      pairs = await pairCount(url, split);
      console.log(`reuse    database ${name}: ${pairs} pairs in ${split}, import and seed skipped`);
    }

    // (b)
    const servers = Number(values.servers);
    const urls: string[] = [];
    for (let i = 0; i < servers; i++) {
      const started = await startServer(url, values["cpu-prof"], values.root);
      children.push(started.child);
      urls.push(started.url);
    }
    if (only.has("team")) {
      const jitter = thinkJitter(values.jitter);
      const team = await load(urls, children, url, split, Number(values.reviewers), Number(values.think), jitter, Number(values.seconds));
      const k = team.kinds;
      const errors = KINDS.reduce((sum, kind) => sum + k[kind].errors, 0);
      console.log(`team     ${team.reviewers} reviewers over ${team.servers} servers, ${team.thinkMs} ms think (± ${jitter * 100} %), ${team.seconds.toFixed(0)} s: ${team.loopsPerSecond.toFixed(1)} loops/s, ${team.requestsPerSecond.toFixed(0)} req/s (load ${loadavg()[0]!.toFixed(1)})`);
      for (const kind of KINDS) console.log(`         ${kind.padEnd(8)} n ${String(k[kind].n).padStart(6)}  p50 ${f(k[kind].p50).padStart(5)}  p95 ${f(k[kind].p95).padStart(5)}  p99 ${f(k[kind].p99).padStart(5)} ms  errors ${k[kind].errors}${kind === "decision" ? `  409s ${k[kind].conflicts}` : ""}`);
      if (Object.keys(team.failures).length > 0) console.log(`         failed requests by HTTP status: ${JSON.stringify(team.failures)} (other errors: no answer)`);
      team.perServer.forEach((s, i) => console.log(`         server ${i + 1}: CPU ${s.cpuPercent.toFixed(0)} %, RSS ${s.rssMb.toFixed(0)} MB (peak ${s.peakRssMb.toFixed(0)})`));
      console.log(
        `         machine CPU ${team.cpu.machine.toFixed(0)} % of ${availableParallelism() * 100} %: load generator ${team.cpu.generator.toFixed(0)} %, servers ${(team.cpu.machine - team.cpu.generator - team.cpu.rest).toFixed(0)} %, PostgreSQL and the rest ${team.cpu.rest.toFixed(0)} %`,
      );
      console.log(
        `target   decision p99 ≤ 30 ms: ${f(k.decision.p99)} ms, ${k.decision.p99 <= 30 ? "met" : "NOT met"}; detail p95 ≤ 20 ms: ${f(k.detail.p95)} ms, ${k.detail.p95 <= 20 ? "met" : "NOT met"}; ` +
          `errors other than 409: ${errors}, ${errors === 0 ? "met" : "NOT met"}`,
      );
      summary.team = { ...team, loadAverage: loadavg() };
    }

    // (c)
    if (urls.length >= 2 && only.has("events")) {
      const [eventId] = await startIds(url, split, 1);
      const events = await crossEvents(urls[0]!, urls[1]!, split, eventId!, Number(values.rounds));
      console.log(
        `events   PUT on server 1 answered → SSE event on server 2, ${events.rounds} rounds: p50 ${f(events.p50)} ms, p95 ${f(events.p95)} ms, max ${f(events.max)} ms, ${events.lost} never arrived (2 s)`,
      );
      console.log(`target   p95 ≤ 250 ms with none lost: ${events.p95 <= 250 && events.lost === 0 ? "met" : "NOT met"}`);
      summary.events = events;
    }

    // (d)
    if (only.has("queries")) {
      const q = await queries(urls[0]!, split, Number(values.times));
      for (const [name_, m] of Object.entries(q)) console.log(`query    ${name_.padEnd(26)} p50 ${f(m.p50).padStart(5)}  p95 ${f(m.p95).padStart(5)} ms${m.status !== 200 ? `  (HTTP ${m.status})` : ""}`);
      const worst = Math.max(...Object.values(q).map((m) => m.p50));
      console.log(`target   list, filter and stats ≤ 100 ms (median) on ${pairs} pairs: worst ${f(worst)} ms, ${worst <= 100 ? "met" : "NOT met"}`);
      summary.queries = q;
    }
    summary.loadAverage = loadavg();
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`wrote ${values.out}`);
  } finally {
    for (const child of children) await stop(child);
    if (!keep) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    else console.log(`kept database ${url}`);
  }
}

if (isMain(import.meta.url)) await main();
