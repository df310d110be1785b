import type { Activity } from "../../../../shared/insightsApi";
import { HBars, type BarRow } from "../charts/HBars";
import { HeatGrid } from "../charts/HeatGrid";
import { galleryHref, statusColor } from "../links";
import { Panel } from "./Panel";

/** Every hour between the first and the last decision, so quiet hours show as gaps. */
function hourRange(hours: string[]): string[] {
  const sorted = [...new Set(hours)].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const out: string[] = [];
  const end = Date.parse(`${last}:00:00Z`);
  for (let t = Date.parse(`${first}:00:00Z`); t <= end && out.length < 24 * 14; t += 3_600_000) out.push(new Date(t).toISOString().slice(0, 13));
  return out.length ? out : sorted;
}

export function ActivityPanel({ activity, split }: { activity: Activity; split: string | undefined }) {
  const reviewers = [...new Set(activity.hours.map((h) => h.reviewer))].sort();
  const columns = hourRange(activity.hours.map((h) => h.hour));
  return (
    <Panel title="Decisions per reviewer per hour" hint="UTC hours; a cell opens all of that reviewer's pairs in this split, not only that hour's." wide>
      {reviewers.length ? (
        <HeatGrid
          rows={reviewers}
          columns={columns}
          cells={activity.hours.map((h) => ({ row: h.reviewer, column: h.hour, value: h.decisions }))}
          href={(reviewer) => galleryHref({ split, reviewer })}
          columnLabel={(hour) => `${hour.slice(5, 10)} ${hour.slice(11)}h`}
          testId="chart-activity"
        />
      ) : (
        <p className="muted" data-testid="chart-activity">No decisions yet.</p>
      )}
    </Panel>
  );
}

export function AgreementPanel({ activity, split }: { activity: Activity; split: string | undefined }) {
  const rows: BarRow[] = activity.agreement.map((a) => ({
    key: `${a.a}|${a.b}`,
    label: `${a.a} · ${a.b}`,
    note: `${Math.round((a.agreed / a.pairs) * 100)}% of ${a.pairs}`,
    segments: [
      { key: "agreed", value: a.agreed, color: statusColor.accepted, href: galleryHref({ split, reviewer: a.b }), label: `${a.agreed} agreed` },
      { key: "disagreed", value: a.pairs - a.agreed, color: statusColor.rejected, href: galleryHref({ split, reviewer: a.b }), label: `${a.pairs - a.agreed} disagreed` },
    ],
  }));
  return (
    <Panel title="Reviewer agreement" hint="Pairs both reviewers decided: same final status or not.">
      {rows.length ? <HBars rows={rows} testId="chart-agreement" /> : <p className="muted" data-testid="chart-agreement">No pair was decided by two reviewers yet.</p>}
    </Panel>
  );
}
