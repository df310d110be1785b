import { parseArgs } from "node:util";
import type { PairFilter } from "../src/shared/api";
import { importSplit } from "../src/server/import/importSplit";
import { PgStore } from "../src/server/storage/pg/pgStore";
import { createTestDatabase, type TestDatabase } from "../src/server/storage/pg/testDb";
import type { SaveDecisionRequest } from "../src/server/storage/store";
import { BENCH_FILE, BENCH_SPLIT, ensureBenchFile, isMain, percentile } from "./bench/common";

/*
 * npm run bench:pg-pair [-- --db postgres://… --file F --split S]
 *
 * Pair detail on PostgreSQL (PgStore.getPair: one statement for the pair, then two keyset
 * neighbour steps in the filter) at the start, middle and end of the 154K-pair split, under the
 * filters the queue uses, plus getPairContext and the loader preview. Without --db the split is
 * imported (gen:scale data) into a throwaway database, reviewed in part (decisions through
 * saveDecisions: ~20 % of the pairs, 1 in 20 of them rejected) and dropped at the end. Prints
 * p50/p95/max per case (target: pair detail p95 ≤ 20 ms); never asserts.
 */

const RUNS = 40;

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await run(); // warm
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)! };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, file: { type: "string", default: BENCH_FILE }, split: { type: "string", default: BENCH_SPLIT } },
  });
  const split = values.split;
  let temp: TestDatabase | undefined;
  let url = values.db;
  if (!url) {
    temp = await createTestDatabase();
    url = temp.url;
  }
  const store = await PgStore.open(url, { max: 8 });
  try {
    if (!(await store.getSplit(split))) {
      await ensureBenchFile(values.file);
      const t = performance.now();
      const result = await importSplit(store, values.file, { split, workers: 1 });
      console.log(`imported ${result.pairs} pairs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      const ids = await allIds(store, split);
      const t2 = performance.now();
      // every 5th pair decided, every 100th rejected: rejected pairs are rare, as in a real review
      const decided = ids.filter((_, i) => i % 5 === 0);
      for (let i = 0; i < decided.length; i += 500) {
        await store.saveDecisions(
          decided.slice(i, i + 500).map((id, k): SaveDecisionRequest => {
            const rejected = (i + k) % 20 === 0;
            return {
              id,
              input: { status: rejected ? "rejected" : "accepted", reasons: rejected ? ["wrong_target"] : [], reviewer: (i + k) % 2 ? "ann" : "bob", baseVersion: 0 },
              flags: [],
              granularity: "object",
              now: new Date().toISOString(),
            };
          }),
        );
      }
      console.log(`decided ${decided.length} pairs in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
      await store.pool.query("ANALYZE");
    }
    const ids = await allIds(store, split);
    const at = { start: ids[1]!, middle: ids[Math.floor(ids.length / 2)]!, end: ids.at(-2)! };
    const sample = (await store.getPair(at.middle, {}))!;
    const word = sample.question.split(/\W+/).find((w) => w.length > 5) ?? "image";
    const category = sample.annotations[sample.targets[0] ?? 0]?.categoryName ?? "chair";
    const filters: [string, PairFilter][] = [
      ["split", { split }],
      ["status=pending", { split, status: "pending" }],
      ["status=rejected (1 %)", { split, status: "rejected" }],
      ["granularity=part", { split, granularity: "part" }],
      ["flag=missing_image (none)", { split, flag: "missing_image" }],
      [`category=${category}`, { split, category }],
      ["reviewer=ann", { split, reviewer: "ann" }],
      [`q=${word}`, { split, q: word }],
      ["sort=flagged", { split, sort: "flagged" }],
      ["sort=flagged, status=rejected", { split, sort: "flagged", status: "rejected" }],
      ["no split", {}],
      ["no split, sort=flagged", { sort: "flagged" }],
    ];
    console.log(`split ${split}: ${ids.length} pairs; getPair p50 / p95 / max in ms (${RUNS} runs each)`);
    console.log(`${"neighbours in".padEnd(34)} ${"start".padStart(20)} ${"middle".padStart(20)} ${"end".padStart(20)}`);
    let worst = 0;
    const cell = (t: { p50: number; p95: number; max: number }) => `${t.p50.toFixed(1)}/${t.p95.toFixed(1)}/${t.max.toFixed(0)}`.padStart(20);
    for (const [name, filter] of filters) {
      const cells: string[] = [];
      for (const id of [at.start, at.middle, at.end]) {
        const t = await time(() => store.getPair(id, filter));
        worst = Math.max(worst, t.p95);
        cells.push(cell(t));
      }
      console.log(`${name.padEnd(34)} ${cells.join(" ")}`);
    }
    console.log(`${"getPairContext".padEnd(34)} ${cell(await time(() => store.getPairContext(at.middle)))}`);
    console.log(`${"loaderPreview (with pending)".padEnd(34)} ${cell(await time(() => store.loaderPreview(split, true)))}`);
    console.log(`slowest getPair p95 ${worst.toFixed(1)} ms — target ≤ 20 ms: ${worst <= 20 ? "met" : "NOT met"}`);
  } finally {
    await store.close();
    await temp?.drop();
  }
}

async function allIds(store: PgStore, split: string): Promise<string[]> {
  const { rows } = await store.pool.query<{ id: string }>("SELECT id FROM pairs WHERE split = $1 ORDER BY seq", [split]);
  return rows.map((r) => r.id);
}

if (isMain(import.meta.url)) await main();
