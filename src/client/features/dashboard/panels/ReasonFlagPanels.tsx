import type { Stats } from "../../../../shared/api";
import { flagIds, reasonCodes, reasonLabels } from "../../../../shared/domain";
import { HBars, type BarRow } from "../charts/HBars";
import { galleryHref, statusColor, statusLegend } from "../links";
import { Panel } from "./Panel";

const labelOf = (code: string) => (reasonLabels as Record<string, string | undefined>)[code] ?? code;

/** Why pairs were rejected (a pair with two reasons counts under both). */
export function ReasonsPanel({ stats, split }: { stats: Stats; split: string | undefined }) {
  const codes = [...new Set([...reasonCodes, ...Object.keys(stats.byReason)])].filter((c) => (stats.byReason[c] ?? 0) > 0);
  codes.sort((a, b) => (stats.byReason[b] ?? 0) - (stats.byReason[a] ?? 0));
  const rows: BarRow[] = codes.map((code) => ({
    key: code,
    label: labelOf(code),
    segments: [{ key: code, value: stats.byReason[code] ?? 0, color: statusColor.rejected, href: galleryHref({ split, reason: code }), label: `${labelOf(code)}: ${stats.byReason[code] ?? 0}` }],
  }));
  return (
    <Panel title="Reject reasons">
      {rows.length ? <HBars title="Reject reasons" rows={rows} testId="chart-reasons" /> : <p className="muted" data-testid="chart-reasons">No rejects yet.</p>}
    </Panel>
  );
}

/** Flags and how often a flagged pair ended in a reject: which checks are worth trusting. */
export function FlagsPanel({ stats, split }: { stats: Stats; split: string | undefined }) {
  const rows: BarRow[] = flagIds
    .map((flag) => ({ flag, counts: stats.byFlag[flag] }))
    .filter((f): f is { flag: (typeof flagIds)[number]; counts: NonNullable<typeof f.counts> } => !!f.counts && f.counts.pending + f.counts.accepted + f.counts.rejected > 0)
    .map(({ flag, counts }) => {
      const decided = counts.accepted + counts.rejected;
      const total = decided + counts.pending;
      const share = `${total} · ${decided ? `${Math.round((counts.rejected / decided) * 100)}% rej.` : "undecided"}`;
      return {
        key: flag,
        label: flag,
        note: share,
        segments: (["rejected", "accepted", "pending"] as const).map((status) => ({
          key: status,
          value: counts[status],
          color: statusColor[status],
          href: galleryHref({ split, flag, status }),
          label: `${flag}: ${counts[status]} ${status}`,
        })),
      };
    });
  return (
    <Panel title="Automatic flags" hint="Pairs per flag; the share of decided flagged pairs that ended in a reject.">
      {rows.length ? <HBars title="Automatic flags" rows={rows} testId="chart-flags" legend={statusLegend(["rejected", "accepted", "pending"])} /> : <p className="muted" data-testid="chart-flags">No pair is flagged.</p>}
    </Panel>
  );
}
