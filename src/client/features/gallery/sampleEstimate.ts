import type { PairSummary } from "../../../shared/api";
import { granularities, type Granularity } from "../../../shared/domain";
import { wilsonInterval, type Interval } from "../../../shared/sampling";

/* Share of bad (rejected) pairs in a decided sample, per granularity and overall. */

export interface EstimateRow {
  granularity: Granularity | "all";
  sampled: number;
  decided: number;
  rejected: number;
  /** Filtered pairs of that granularity the sample stands for. */
  population: number;
  interval: Interval;
}

export function estimateRows(items: readonly PairSummary[], population: Record<Granularity, number>): EstimateRow[] {
  const row = (granularity: Granularity | "all", pick: readonly PairSummary[], pop: number): EstimateRow => {
    const decided = pick.filter((p) => p.status !== "pending").length;
    const rejected = pick.filter((p) => p.status === "rejected").length;
    return { granularity, sampled: pick.length, decided, rejected, population: pop, interval: wilsonInterval(rejected, decided) };
  };
  const rows = granularities
    .map((g) => row(g, items.filter((p) => p.granularity === g), population[g]))
    .filter((r) => r.sampled > 0);
  const total = granularities.reduce((n, g) => n + population[g], 0);
  return [...rows, row("all", items, total)];
}
