import type { Stats } from "../../../../shared/api";
import { Columns, type Column } from "../charts/Columns";
import { galleryHref } from "../links";
import { Panel } from "./Panel";

/** Beyond this many targets the histogram groups the rest in one column. */
const LAST = 8;

export function HistogramPanel({ stats, split }: { stats: Stats; split: string | undefined }) {
  const counts = new Map(Object.entries(stats.targetHistogram).map(([k, v]) => [Number(k), v]));
  const top = Math.min(LAST, Math.max(1, ...counts.keys()));
  const columns: Column[] = [];
  for (let k = 0; k <= top; k++) {
    const open = k === LAST;
    const value = open ? [...counts].filter(([n]) => n >= LAST).reduce((s, [, v]) => s + v, 0) : (counts.get(k) ?? 0);
    columns.push({
      key: String(k),
      label: open ? `${k}+` : String(k),
      value,
      href: galleryHref(open ? { split, minTargets: k } : { split, minTargets: k, maxTargets: k }),
      title: `${value} pair${value === 1 ? "" : "s"} with ${open ? `${k} or more` : k} target${k === 1 ? "" : "s"}`,
    });
  }
  return (
    <Panel title="Targets per pair">
      <Columns title="Targets per pair" axisLabel="targets" columns={columns} color="var(--chart-blue)" testId="chart-targets" />
    </Panel>
  );
}
