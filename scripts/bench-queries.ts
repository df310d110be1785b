import { parseArgs } from "node:util";
import type { PairFilter } from "../src/shared/api";
import { encodeCursor } from "../src/server/storage/sqlite/cursor";
import { SqliteStore } from "../src/server/storage/sqlite/sqliteStore";
import { benchDataOptions, ensureBenchDb, isMain } from "./bench/common";
import { seedDecisions } from "./bench-export";

/*
 * npm exec tsx scripts/bench-queries.ts [-- --db D --split S]
 *
 * Times every filter of the queue (first page of 50 with total and per-status counts, as
 * GET /api/pairs answers), a deep page, and the pair detail with its neighbours, on the bench
 * database (imported first when absent). Target: ≤ 100 ms per query on the 154K-pair split.
 */

const RUNS = 7;

function time(run: () => unknown): { median: number; max: number } {
  const samples: number[] = [];
  run(); // warm the statement cache and the page cache
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, max: samples[samples.length - 1]! };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: benchDataOptions });
  await ensureBenchDb(values.file, values.db);
  // Decisions as an export would see them (55% decided): stats and preview then have work to do.
  const seeded = await seedDecisions(values.db, values.split);
  if (seeded > 0) console.log(`seeded ${seeded} decisions`);
  const store = new SqliteStore(values.db);
  const split = values.split;

  // Pick real values from the data: the commonest and a rare category, a word of a question.
  const sample = (await store.getPair((await store.listPairs({ split, limit: 1 })).items[0]!.id, {}))!;
  const common = sample.annotations[sample.targets[0] ?? 0]!.categoryName;
  const someQuestionWord = sample.question.split(/\W+/).find((w) => w.length > 5) ?? "image";
  const stats = await store.stats();
  const reviewer = Object.keys(stats.byReviewer)[0] ?? "bench";
  const flag = Object.entries(stats.byFlag).sort((a, b) => b[1].pending - a[1].pending)[0]?.[0] ?? "duplicate";

  const filters: [string, PairFilter][] = [
    ["split only", { split }],
    ["status=pending", { split, status: "pending" }],
    ["status=rejected", { split, status: "rejected" }],
    ["granularity=part", { split, granularity: "part" }],
    ["minTargets=3", { split, minTargets: 3 }],
    ["maxTargets=1", { split, maxTargets: 1 }],
    ["targets 5..6 (rare)", { split, minTargets: 5, maxTargets: 6 }],
    [`category=${common}`, { split, category: common }],
    ["category (rare: none)", { split, category: "no_such_category" }],
    [`flag=${flag}`, { split, flag: flag as PairFilter["flag"] }],
    ["flag=missing_image (none)", { split, flag: "missing_image" }],
    [`reviewer=${reviewer}`, { split, reviewer }],
    [`q="${someQuestionWord}"`, { split, q: someQuestionWord }],
    ['q="the" (very common)', { split, q: "the" }],
    ['q="zyxwv" (none)', { split, q: "zyxwv" }],
    ["sort=flagged", { split, sort: "flagged" }],
    ["pending+part+minTargets=2+q", { split, status: "pending", granularity: "part", minTargets: 2, q: someQuestionWord }],
    ["no filter (all splits)", {}],
  ];

  console.log(`database ${values.db}, split ${split}: ${stats.total} pairs`);
  console.log("query                                   median      max   total");
  let worst = 0;
  const report = (name: string, t: { median: number; max: number }, total: number | string) => {
    worst = Math.max(worst, t.median);
    console.log(`${name.padEnd(38)} ${t.median.toFixed(1).padStart(7)} ms ${t.max.toFixed(1).padStart(6)} ms  ${total}`);
  };
  for (const [name, filter] of filters) {
    const total = (await store.listPairs({ ...filter, limit: 50 })).total;
    report(`list ${name}`, time(() => store.listPairs({ ...filter, limit: 50 })), total);
  }

  // A page deep into the split: the cursor a client holds after ~2000 pages of 50.
  const cursor = encodeCursor("dataset", { flagOrder: 0, split, seq: 100_000 });
  report("list page ~2000 (cursor)", time(() => store.listPairs({ split, limit: 50, cursor })), "");
  const lastId = (await store.listPairs({ split, limit: 50, cursor })).items.at(-1)?.id ?? sample.id;
  report("getPair (detail + neighbours)", time(() => store.getPair(lastId, { split })), "");
  report("getPair, neighbours in q filter", time(() => store.getPair(lastId, { split, q: someQuestionWord })), "");
  report("getPair, neighbours in rare filter", time(() => store.getPair(lastId, { split, flag: "missing_image" })), "");
  report("stats", time(() => store.stats()), "");
  report("stats of the split (dashboard)", time(() => store.stats(split)), "");
  const insights = store.insights();
  report("export preview (accepted)", time(() => insights.exportPreview(split, false)), "");
  report("export preview (with pending)", time(() => insights.exportPreview(split, true)), "");
  console.log(`slowest median ${worst.toFixed(1)} ms — target ≤ 100 ms: ${worst <= 100 ? "met" : "NOT met"}`);
  await store.close();
}

if (isMain(import.meta.url)) await main();
