import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { exportSplit } from "../src/server/export/exportSplit";
import type { FlagId, Granularity } from "../src/shared/domain";
import { SqliteStore } from "../src/server/storage/sqlite/sqliteStore";
import { benchDataOptions, ensureBenchDb, isMain, mb, peakRssMb, runTs, seconds, timed } from "./bench/common";

/*
 * npm run bench:export [-- --db D --split S]
 *
 * Exports the gen:scale split (imported first when the bench database is absent) in a child
 * process that reports wall time and peak RSS. A realistic export has decisions: the first run
 * seeds them (45% accepted, 10% rejected, one in nine accepted with an edited question) in one transaction,
 * so records are filtered and rewritten, not only copied. Two exports are timed: with
 * `--include pending` (every non-rejected pair) and the default (accepted only).
 * Target (SPEC section 9): ≤ 30 s and ≤ 300 MB for ~154K pairs.
 */

interface ExportMeasure {
  wallMs: number;
  cpuMs: number;
  bytes: number;
  records: number;
  pairs: number;
  peakRssMb: number;
}

/** Decides a deterministic share of the split's pairs, unless it has decisions already. */
export async function seedDecisions(db: string, split: string): Promise<number> {
  const store = new SqliteStore(db);
  try {
    const summary = (await store.listSplits()).find((s) => s.name === split);
    if (!summary) throw new Error(`no split ${split} in ${db}`);
    if (summary.byStatus.accepted + summary.byStatus.rejected > 0) return 0;
    let decided = 0;
    // Pages first (reads), then every write inside one transaction (one fsync).
    const pairs: { id: string; question: string; flags: FlagId[]; granularity: Granularity }[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await store.listPairs({ split, limit: 1000, ...(cursor ? { cursor } : {}) });
      pairs.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    store.batch(() => {
      let n = 0;
      {
        for (const pair of pairs) {
          const k = n++ % 20;
          if (k >= 11) continue;
          const edits = k === 2 ? { question: `${pair.question} (edited)` } : null;
          const result = store.saveDecisionNow({
            id: pair.id,
            input: k < 2
              ? { status: "rejected", reasons: ["wrong_target"], reviewer: "bench", baseVersion: 0 }
              : { status: "accepted", reviewer: "bench", baseVersion: 0, edits },
            flags: pair.flags,
            granularity: pair.granularity,
            now: new Date().toISOString(),
          });
          if (result.kind === "saved") decided++;
        }
      }
    });
    return decided;
  } finally {
    await store.close();
  }
}

async function childExport(db: string, split: string, includePending: boolean, out: string): Promise<ExportMeasure> {
  const store = new SqliteStore(db);
  const { result: summary, wallMs, cpuMs } = await timed(() => exportSplit(store, split, { out, includePending, log: `${out}.decisions.jsonl` }));
  await store.close();
  return { wallMs, cpuMs, bytes: summary.bytes, records: summary.records, pairs: summary.pairs, peakRssMb: peakRssMb() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...benchDataOptions,
      child: { type: "string" },
      out: { type: "string" },
    },
  });
  if (values.child) {
    const measure = await childExport(values.db, values.split, values.child === "pending", values.out ?? "bench-data/export.json");
    process.stdout.write(JSON.stringify(measure));
    return;
  }

  await ensureBenchDb(values.file, values.db);
  const seeded = await seedDecisions(values.db, values.split);
  if (seeded > 0) console.log(`seeded   ${seeded} decisions into ${values.db}`);
  // Outputs go beside the database (bench-data/ may not exist when --db points elsewhere).
  const outDir = dirname(values.db);
  mkdirSync(outDir, { recursive: true });

  // The floor: copying the split's source file, the least any export of it could cost.
  const store = new SqliteStore(values.db);
  const source = existsSync(values.file) ? values.file : ((await store.getSplit(values.split))?.sourceFile ?? values.file);
  await store.close();
  let floorMs = NaN;
  if (existsSync(source)) {
    const copy = join(outDir, `${values.split}.copy-floor.json`);
    const t = performance.now();
    copyFileSync(source, copy);
    floorMs = performance.now() - t;
    rmSync(copy, { force: true });
    console.log(`floor    copying ${source} (${mb(statSync(source).size)}): ${seconds(floorMs)}`);
  }

  let ok = true;
  for (const mode of ["pending", "accepted"] as const) {
    const out = join(outDir, `${values.split}.cleaned-${mode}.json`);
    const m = JSON.parse(await runTs("scripts/bench-export.ts", ["--db", values.db, "--split", values.split, "--child", mode, "--out", out])) as ExportMeasure;
    console.log(
      `export   ${mode === "pending" ? "--include pending" : "accepted only    "}: ${seconds(m.wallMs)} · ${mb(m.bytes)} · ` +
        `${(m.bytes / 1e6 / (m.wallMs / 1000)).toFixed(1)} MB/s · ${m.records} records, ${m.pairs} pairs · CPU ${seconds(m.cpuMs)} · ` +
        `peak RSS ${m.peakRssMb.toFixed(0)} MB` + (Number.isNaN(floorMs) ? "" : ` · ${(m.wallMs / floorMs).toFixed(1)}× the copy`),
    );
    ok &&= m.wallMs <= 30_000 && m.peakRssMb <= 300;
    if (statSync(out).size !== m.bytes) throw new Error(`${out}: size differs from what the export reported`);
    rmSync(out, { force: true });
    rmSync(`${out}.decisions.jsonl`, { force: true });
  }
  console.log(`target   ≤ 30 s and ≤ 300 MB for ~154K pairs: ${ok ? "met" : "NOT met"}`);
}

if (isMain(import.meta.url)) await main();
