import { existsSync, mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { evalDb } from "../src/server/eval/evalDb";
import { evalFiles } from "../src/server/eval/evalFiles";
import { importSplit } from "../src/server/import/importSplit";
import { importPredictions } from "../src/server/predictions/importPredictions";
import { openStore } from "../src/server/storage/open";
import { BENCH_DB, BENCH_FILE, BENCH_SPLIT, ensureBenchDb, ensureBenchFile, peakRssMb, runTs, seconds, timed } from "./bench/common";

/*
 * npm run bench:predictions [-- --only eval|import]
 *
 * 1. eval over files on a val-sized split (8,194 pairs, MMR val's size): target ≤ 10 s.
 *    Also eval --db --compare on the same split imported into a throwaway database.
 * 2. predictions import for the 154K-pair bench split (bench-data/, gitignored): target ≤ 60 s.
 * Missing data is generated (gen:scale, gen:predictions). The machine may be shared: the load
 * average is printed with each number. Prints numbers; asserts nothing.
 */

const { values } = parseArgs({ options: { only: { type: "string" } } });
const VAL_FILE = "bench-data/val.json";
const VAL_PRED = "bench-data/val.pred.jsonl";
const VAL_DB = "bench-data/bench-val.db";
const BIG_PRED = "bench-data/MMR_scale.pred.jsonl";

function load(): string {
  return `load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`;
}

async function ensurePredictions(split: string, out: string): Promise<void> {
  if (existsSync(out)) return;
  process.stderr.write(`generating ${out} with gen:predictions…\n`);
  await runTs("scripts/gen-predictions.ts", ["--split", split, "--out", out, "--quality", "0.7"], { inheritStdout: true });
}

async function benchEval(): Promise<void> {
  await ensureBenchFile(VAL_FILE, 8194);
  await ensurePredictions(VAL_FILE, VAL_PRED);
  const files = await timed(() => evalFiles(VAL_FILE, VAL_PRED));
  const all = files.result.report.subsets.all;
  console.log(`eval (files) ${all.pairs} pairs, ${all.targets} targets: ${seconds(files.wallMs)} wall, ${seconds(files.cpuMs)} CPU (target ≤ 10 s) · ${load()}`);

  for (const suffix of ["", "-wal", "-shm"]) rmSync(VAL_DB + suffix, { force: true });
  const store = await openStore(VAL_DB);
  try {
    await importSplit(store, VAL_FILE, { workers: 0 });
    await importPredictions(store, { split: "val", model: "bench", file: VAL_PRED });
    const db = await timed(async () => evalDb(store, "val", "bench", { includePending: true, compare: true }));
    console.log(`eval --db --compare ${db.result.cleaned.pairs} pairs (raw and cleaned): ${seconds(db.wallMs)} wall · ${load()}`);
  } finally {
    await store.close();
  }
}

async function benchImport(): Promise<void> {
  await ensureBenchDb(BENCH_FILE, BENCH_DB);
  await ensurePredictions(BENCH_FILE, BIG_PRED);
  mkdirSync(dirname(BENCH_DB), { recursive: true });
  const store = await openStore(BENCH_DB);
  try {
    const run = await timed(() => importPredictions(store, { split: BENCH_SPLIT, model: "bench", file: BIG_PRED }));
    console.log(
      `predictions import ${run.result.pairs} pairs: ${seconds(run.wallMs)} wall, ${seconds(run.cpuMs)} CPU, ${peakRssMb().toFixed(0)} MB peak RSS (target ≤ 60 s) · ${load()}`,
    );
    const list = await timed(async () => store.predictions().listByIou({ split: BENCH_SPLIT, model: "bench", limit: 50 }));
    console.log(`lowest-IoU page of ${list.result.total} pairs: ${(list.wallMs).toFixed(1)} ms · ${load()}`);
    const dash = await timed(async () => (await store.predictions().iouByStatus(BENCH_SPLIT, "bench")).length);
    console.log(`IoU rows for the dashboard (${dash.result}): ${(dash.wallMs).toFixed(1)} ms · ${load()}`);
  } finally {
    await store.close();
  }
}

if (values.only !== "import") await benchEval();
if (values.only !== "eval") await benchImport();
