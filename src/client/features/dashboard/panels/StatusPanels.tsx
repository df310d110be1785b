import type { Stats, StatusCounts } from "../../../../shared/api";
import { granularities } from "../../../../shared/domain";
import { HBars, type BarRow } from "../charts/HBars";
import { galleryHref, statusColor, statusLegend } from "../links";
import { Panel } from "./Panel";

/** Decided first, so the bars read as progress from the left. */
const segmentOrder = ["accepted", "rejected", "pending"] as const;

function statusSegments(counts: StatusCounts, filter: Parameters<typeof galleryHref>[0], what: string): BarRow["segments"] {
  return segmentOrder.map((status) => ({
    key: status,
    value: counts[status],
    color: statusColor[status],
    href: galleryHref({ ...filter, status }),
    label: `${counts[status].toLocaleString("en")} ${status} — ${what}`,
  }));
}

/** Decided vs total of the split in view (the stats hold only that split). */
export function ProgressPanel({ stats }: { stats: Stats }) {
  const rows: BarRow[] = stats.splits.map((s) => {
    const decided = s.byStatus.accepted + s.byStatus.rejected;
    return {
      key: s.name,
      label: s.name,
      segments: statusSegments(s.byStatus, { split: s.name }, s.name),
      note: `${decided.toLocaleString("en")} / ${s.pairs.toLocaleString("en")} (${s.pairs ? Math.round((decided / s.pairs) * 100) : 0}%)`,
    };
  });
  return (
    <Panel title="Progress" hint="Decided of all pairs in this split; click a segment for its pairs.">
      <HBars title="Progress" rows={rows} testId="chart-progress" legend={statusLegend(segmentOrder)} />
    </Panel>
  );
}

/** How each granularity fares. */
export function GranularityPanel({ stats, split }: { stats: Stats; split: string | undefined }) {
  const rows: BarRow[] = granularities.map((g) => ({
    key: g,
    label: g === "mixed" ? "mixed" : `${g}-only`,
    segments: statusSegments(stats.byGranularity[g], { split, granularity: g }, `${g} pairs`),
  }));
  return (
    <Panel title="Status by granularity">
      <HBars title="Status by granularity" rows={rows} testId="chart-granularity" legend={statusLegend(segmentOrder)} />
    </Panel>
  );
}
