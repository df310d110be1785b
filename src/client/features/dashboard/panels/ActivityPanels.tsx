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
    <Panel title="Decisions per reviewer per hour" hint="Every hour from the first decision to the last (UTC); a number opens the pairs that reviewer decided in that hour, a name the pairs whose current decision is theirs." wide>
      {reviewers.length ? (
        <HeatGrid
          title="Decisions per reviewer per hour"
          rows={reviewers}
          columns={columns}
          cells={activity.hours.map((h) => ({ row: h.reviewer, column: h.hour, value: h.decisions }))}
          rowHref={(reviewer) => galleryHref({ split, reviewer })}
          rowLinkLabel={(reviewer) => `Open the pairs ${reviewer} decided last`}
          cellHref={(reviewer, hour) => galleryHref({ split, decidedBy: reviewer, decidedHour: hour })}
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
      { key: "agreed", value: a.agreed, color: statusColor.accepted, label: `${a.agreed} agreed` },
      {
        key: "disagreed",
        value: a.pairs - a.agreed,
        color: statusColor.rejected,
        href: galleryHref({ split, disagree: a.a, disagreeWith: a.b }),
        label: `${a.pairs - a.agreed} disagreed: open the pairs ${a.a} and ${a.b} decided differently`,
      },
    ],
  }));
  return (
    <Panel title="Reviewer agreement" hint="Pairs both reviewers decided: same final status or not; a red segment opens exactly the pairs they disagree on.">
      {rows.length ? (
        <HBars
          title="Reviewer agreement"
          rows={rows}
          testId="chart-agreement"
          legend={[
            { key: "agreed", label: "agreed", color: statusColor.accepted },
            { key: "disagreed", label: "disagreed", color: statusColor.rejected },
          ]}
        />
      ) : <p className="muted" data-testid="chart-agreement">No pair was decided by two reviewers yet.</p>}
    </Panel>
  );
}
