import { parseArgs } from "node:util";
import type { PairFilter } from "../src/shared/api";
import { importSplit } from "../src/server/import/importSplit";
import { PgInsights } from "../src/server/storage/pg/insights";
import { PgStore } from "../src/server/storage/pg/pgStore";
import { PgPredictions } from "../src/server/storage/pg/predictions";
import { createTestDatabase, type TestDatabase } from "../src/server/storage/pg/testDb";
import type { ReviewStore, SaveDecisionRequest } from "../src/server/storage/store";
import { BENCH_FILE, BENCH_SPLIT, ensureBenchFile, seconds } from "./bench/common";

/*
 * npx tsx scripts/bench-pg-insights.ts [--db postgres://… --file F --split S]
 *
 * The dashboard, gallery and export-preview aggregates (PgInsights) and the prediction reads
 * (PgPredictions) on PostgreSQL with the 154K-pair gen:scale split: imports it (when the database
 * does not have it; a throwaway database when no --db is given), seeds decisions by three
 * reviewers over four hours (every 10th pair, a second opinion on every 70th) and one model's
 * predictions of every pair, then prints the median and max of 7 runs of each read.
 * Target (issue 10): stats-like aggregates ≤ 100 ms.
 */

const RUNS = 7;

async function time(run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await run(); // warm the plan and page caches
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, max: samples[samples.length - 1]! };
}

/** A deterministic IoU in [0, 1] per pair position. */
const iouOf = (k: number) => ((k * 2654435761) % 1000) / 1000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: "string" }, file: { type: "string", default: BENCH_FILE }, split: { type: "string", default: BENCH_SPLIT } },
  });
  const split = values.split;
  let temp: TestDatabase | null = null;
  const url = values.db ?? process.env.MMR_DATABASE_URL ?? (temp = await createTestDatabase()).url;
  const store = await PgStore.open(url);
  try {
    if ((await store.getSplit(split)) === null) {
      await ensureBenchFile(values.file);
      const t = performance.now();
      // importSplit uses getSplit, listSplits and beginImport, which PgStore has.
      const result = await importSplit(store as unknown as ReviewStore, values.file, { split });
      console.log(`import: ${result.pairs} pairs in ${seconds(performance.now() - t)}`);
    }
    const insights = new PgInsights(store.pool);
    const predictions = new PgPredictions(store.pool);
    const ids = await insights.filteredIds({ split });
    console.log(`split ${split}: ${ids.length} pairs`);

    const decided = (await store.stats(split)).byStatus;
    if (decided.accepted + decided.rejected === 0) {
      const t = performance.now();
      const reviewers = ["ann", "bo", "cy"];
      const requests: SaveDecisionRequest[] = [];
      const versions = new Map<string, number>();
      const push = (id: string, k: number, reviewer: string) => {
        const rejected = k % 3 === 0;
        const base = versions.get(id) ?? 0;
        versions.set(id, base + 1);
        requests.push({
          id,
          input: { status: rejected ? "rejected" : "accepted", reasons: rejected ? ["wrong_target"] : [], reviewer, baseVersion: base },
          flags: [],
          granularity: "object",
          now: `2026-01-01T${String(9 + (k % 4)).padStart(2, "0")}:00:00.000Z`,
        });
      };
      for (let k = 0; k < ids.length; k += 10) push(ids[k]!, k / 10, reviewers[k % 3]!);
      for (let k = 0; k < ids.length; k += 70) push(ids[k]!, k / 70 + 1, reviewers[(k + 1) % 3]!);
      for (let i = 0; i < requests.length; i += 256) await store.saveDecisions(requests.slice(i, i + 256));
      console.log(`seeded ${requests.length} decisions in ${seconds(performance.now() - t)}`);
    }

    if ((await predictions.listModels(split)).length === 0) {
      const t = performance.now();
      const job = await predictions.beginImport(split, "bench", "bench.jsonl", "2026-01-01T00:00:00.000Z");
      for (let k = 0; k < ids.length; k++) {
        const iou = k % 50 === 0 ? null : iouOf(k);
        await job.add({ pairId: ids[k]!, height: 480, width: 640, masks: ["PPYo0"], scores: null, targetIous: [iou], iou });
      }
      await job.commit();
      console.log(`prediction import (store side, ${ids.length} rows through COPY): ${seconds(performance.now() - t)}`);
    }

    const some = ids.filter((_, k) => k % 1500 === 0).slice(0, 100);
    const thousands = ids.filter((_, k) => k % 30 === 0).slice(0, 5000);
    const first = (await insights.summaries([ids[ids.length >> 1]!]))[0]!;
    const category = (await insights.thumbs([first.id]))[0]?.targets[0]?.categoryName ?? "chair";
    const deep = await predictions.listByIou({ split, model: "bench", limit: 50, minIou: 0.9 });
    const filters: [string, () => Promise<unknown>][] = [
      ["activity(split)", () => insights.activity(split)],
      ["activity()", () => insights.activity()],
      ["countByGranularity split", () => insights.countByGranularity({ split })],
      ["countByGranularity status=rejected", () => insights.countByGranularity({ split, status: "rejected" })],
      [`countByGranularity category=${category}`, () => insights.countByGranularity({ split, category })],
      ["countByGranularity reviewer=ann", () => insights.countByGranularity({ split, reviewer: "ann" })],
      ["countByGranularity disagree=ann", () => insights.countByGranularity({ split, disagree: "ann" })],
      ["countByGranularity decidedHour", () => insights.countByGranularity({ split, decidedHour: "2026-01-01T10" })],
      ["exportPreview accepted", () => insights.exportPreview(split, false)],
      ["exportPreview +pending", () => insights.exportPreview(split, true)],
      ["filteredIds split (154K ids)", () => insights.filteredIds({ split })],
      ["filteredIds status=rejected", () => insights.filteredIds({ split, status: "rejected" } satisfies PairFilter)],
      ["summaries 100 ids", () => insights.summaries(some)],
      ["thumbs 100 ids", () => insights.thumbs(some)],
      ["decisions 5000 ids", () => insights.decisions(thousands)],
      ["imagePairs", () => insights.imagePairs(split, first.imageId)],
      ["listModels", () => predictions.listModels(split)],
      ["iouByStatus (154K rows)", () => predictions.iouByStatus(split, "bench")],
      ["listByIou first page", () => predictions.listByIou({ split, model: "bench" })],
      ["listByIou minIou=0.9 next page", () => predictions.listByIou({ split, model: "bench", minIou: 0.9, ...(deep.nextCursor ? { cursor: deep.nextCursor } : {}) })],
      ["listByIou status=rejected", () => predictions.listByIou({ split, model: "bench", status: "rejected" })],
      ["listByIou maxIou=0.2 granularity=object", () => predictions.listByIou({ split, model: "bench", maxIou: 0.2, granularity: "object" })],
      ["get prediction", () => predictions.get(split, "bench", first.id)],
    ];
    console.log("query".padEnd(44) + "median ms   max ms");
    for (const [name, run] of filters) {
      const { median, max } = await time(run);
      console.log(`${name.padEnd(44)}${median.toFixed(1).padStart(9)}${max.toFixed(1).padStart(9)}`);
    }
  } finally {
    await store.close();
    await temp?.drop();
  }
}

await main();
