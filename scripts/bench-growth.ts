import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { encodeCursor } from "../src/server/storage/sqlite/cursor";
import { SqliteStore } from "../src/server/storage/sqlite/sqliteStore";
import { ensureBenchFile, isMain, runTs } from "./bench/common";
import { seedDecisions } from "./bench-export";

/*
 * npm run bench:growth [-- --sizes 20000,154000,600000 --keep]
 *
 * How import time, database size and query latency grow with the split: for each size a split
 * from gen:scale (bench-data/growth-N.json, generated when absent), imported into a fresh
 * database in a child process beside its floor (the same file cut into records and JSON.parse'd,
 * in another child), 55% of its pairs decided, then the queue's first page, a page 90% deep, the
 * full-text "the", stats of the split and a pair detail near its end (medians of 7 runs).
 * Linear or better growth: time per pair at the larger size ≤ time per pair at the smaller.
 * 600K pairs takes minutes. Writes bench-data/bench-growth.json; --keep keeps the databases.
 */

interface SizeResult {
  pairs: number;
  fileMb: number;
  importS: number;
  /** CPU time of the import process (all threads): less sensitive than wall time to a busy machine. */
  importCpuS: number;
  floorS: number;
  importPeakRssMb: number;
  dbMb: number;
  queryMs: Record<string, number>;
}

function medianMs(run: () => unknown, runs = 7): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)]!;
}

async function measure(pairs: number, keep: boolean): Promise<SizeResult> {
  const file = `bench-data/growth-${pairs}.json`;
  const db = `bench-data/growth-${pairs}.db`;
  await ensureBenchFile(file, pairs);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
  const floor = JSON.parse(await runTs("scripts/bench-import.ts", ["--file", file, "--db", db, "--child", "parse"])) as { wallMs: number };
  const imported = JSON.parse(await runTs("scripts/bench-import.ts", ["--file", file, "--db", db, "--child", "import"])) as {
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
  };
  const split = `growth-${pairs}`;
  await seedDecisions(db, split);
  const store = new SqliteStore(db);
  try {
    const dbBytes = ["", "-wal"].reduce((sum, suffix) => sum + (existsSync(db + suffix) ? statSync(db + suffix).size : 0), 0);
    const deep = encodeCursor("dataset", { flagOrder: 0, split, seq: Math.floor(pairs * 0.9) });
    const lastId = (await store.listPairs({ split, limit: 1, cursor: encodeCursor("dataset", { flagOrder: 0, split, seq: pairs - 3 }) })).items[0]!.id;
    const queryMs = {
      "list first page": medianMs(() => store.listPairs({ split, limit: 50 })),
      "list page 90% deep": medianMs(() => store.listPairs({ split, limit: 50, cursor: deep })),
      "list pending": medianMs(() => store.listPairs({ split, status: "pending", limit: 50 })),
      'list q="the"': medianMs(() => store.listPairs({ split, q: "the", limit: 50 })),
      "stats of the split": medianMs(() => store.stats(split)),
      "detail near the end": medianMs(() => store.getPair(lastId, { split })),
    };
    return {
      pairs,
      fileMb: statSync(file).size / 1e6,
      importS: imported.wallMs / 1000,
      importCpuS: imported.cpuMs / 1000,
      floorS: floor.wallMs / 1000,
      importPeakRssMb: imported.peakRssMb,
      dbMb: dbBytes / 1e6,
      queryMs,
    };
  } finally {
    store.close();
    if (!keep) for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "20000,154000,600000" },
      out: { type: "string", default: "bench-data/bench-growth.json" },
      keep: { type: "boolean", default: false },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes ${values.sizes}: pair counts separated by commas`);
  mkdirSync("bench-data", { recursive: true });
  const results: SizeResult[] = [];
  for (const pairs of sizes) {
    process.stderr.write(`measuring ${pairs} pairs… (load average ${loadavg().map((n) => n.toFixed(1)).join(", ")})\n`);
    const r = await measure(pairs, values.keep);
    results.push(r);
    const q = Object.entries(r.queryMs)
      .map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`)
      .join(" · ");
    console.log(
      `${String(r.pairs).padStart(7)} pairs (${r.fileMb.toFixed(0)} MB): import ${r.importS.toFixed(1)} s = ${(r.importS / r.floorS).toFixed(1)}× ` +
        `its floor ${r.floorS.toFixed(1)} s (read+cut+parse), ${((r.importS * 1e6) / r.pairs).toFixed(0)} µs/pair, CPU ${r.importCpuS.toFixed(1)} s ` +
        `(${((r.importCpuS * 1e6) / r.pairs).toFixed(0)} µs/pair), peak RSS ${r.importPeakRssMb.toFixed(0)} MB · ` +
        `DB ${r.dbMb.toFixed(0)} MB (${((r.dbMb * 1e6) / r.pairs / 1024).toFixed(1)} KB/pair) · ${q}`,
    );
  }
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1]!;
    const b = results[i]!;
    const k = b.pairs / a.pairs;
    const perPair = (b.importS / b.pairs) / (a.importS / a.pairs);
    const floorPerPair = (b.floorS / b.pairs) / (a.floorS / a.pairs);
    const cpuPerPair = (b.importCpuS / b.pairs) / (a.importCpuS / a.pairs);
    const worstQuery = Object.keys(b.queryMs).map((name) => [name, b.queryMs[name]! / a.queryMs[name]!] as const).sort((x, y) => y[1] - x[1])[0]!;
    console.log(
      `growth ${a.pairs} → ${b.pairs} (${k.toFixed(1)}× the pairs): import time per pair ×${perPair.toFixed(2)} (CPU per pair ×${cpuPerPair.toFixed(2)}, floor's ×${floorPerPair.toFixed(2)}; ` +
        `linear or better within 10%: ${perPair <= 1.1 ? "met" : "NOT met"}), DB ×${(b.dbMb / a.dbMb).toFixed(2)}, ` +
        `slowest-growing query ${worstQuery[0]} ×${worstQuery[1].toFixed(2)} for ×${k.toFixed(1)} pairs (${worstQuery[1] <= k * 1.1 ? "linear or better" : "worse than linear"})`,
    );
  }
  writeFileSync(values.out, `${JSON.stringify({ at: new Date().toISOString(), loadAverage: loadavg(), results }, null, 2)}\n`);
  console.log(`wrote ${values.out}`);
}

if (isMain(import.meta.url)) await main();
