import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { planRound } from "../src/shared/rounds";
import { SqliteStore } from "../src/server/storage/sqlite/sqliteStore";
import { percentile } from "./bench/common";

/*
 * Review rounds on SQLite at the size of MMR's train split: a round of N slots (default 154,000,
 * overlap 2 on 10 %) for R reviewers (default 1,000), then `next` for each in turn (each call one
 * transaction; later callers walk past the earlier callers' leases), timed. Prints numbers only. Usage: npm run bench:rounds -- [--pairs N] [--reviewers R]
 */

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const pairs = arg("--pairs", 154_000);
const reviewers = arg("--reviewers", 1000);

const dir = mkdtempSync(join(tmpdir(), "mmr-bench-rounds-"));
const store = new SqliteStore(join(dir, "review.db"));
try {
  const ids = Array.from({ length: pairs }, (_, i) => `train:${i}:0`);
  const plan = planRound(ids, { overlap: 2, share: 0.1, seed: "bench" });
  const names = Array.from({ length: reviewers }, (_, i) => `r${i}`);
  let t = performance.now();
  const { round } = await store.rounds().create({
    name: "bench",
    split: "train",
    filter: {},
    overlap: 2,
    share: 0.1,
    seed: "bench",
    blind: true,
    reviewers: names,
    createdBy: "bench",
    createdAt: new Date().toISOString(),
    slots: ids.map((pairId, i) => ({ pairId, needed: plan[i]! })),
  });
  console.log(`create: ${round.pairs} slots in ${(performance.now() - t).toFixed(0)} ms`);

  const now = Date.now();
  const inOrder: number[] = [];
  for (const name of names) {
    t = performance.now();
    await store.rounds().next(name, now, 300_000);
    inOrder.push(performance.now() - t);
  }
  const last = inOrder.slice(-20).sort((a, b) => a - b);
  const times = [...inOrder].sort((a, b) => a - b);
  console.log(`next (fresh round, ${reviewers} reviewers): p50 ${percentile(times, 50).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);

  console.log(`  the last 20 callers (past ~${reviewers - 20} earlier leases): p50 ${percentile(last, 50).toFixed(2)} ms, max ${last.at(-1)!.toFixed(2)} ms`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
