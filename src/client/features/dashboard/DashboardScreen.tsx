import { useQuery } from "@tanstack/react-query";
import { activityQuery } from "../../api/insightsQueries";
import { statsQuery } from "../../api/queries";
import { useCurrentSplit } from "../../app/currentSplit";
import { Link } from "../../app/Link";
import { ActivityPanels } from "./panels/ActivityPanelsGroup";
import { HistogramPanel } from "./panels/HistogramPanel";
import { FlagsPanel, ReasonsPanel } from "./panels/ReasonFlagPanels";
import { GranularityPanel, ProgressPanel } from "./panels/StatusPanels";
import "./dashboard.css";

/** Leads watch progress here; the page refreshes itself while people review. */
const REFRESH_MS = 15_000;

export function DashboardScreen() {
  const { split, splits } = useCurrentSplit();
  const stats = useQuery({ ...statsQuery(), refetchInterval: REFRESH_MS });
  // Stats count every split; links narrow to the split only when it is the only one.
  const linkSplit = splits.length === 1 ? split?.name : undefined;
  const activity = useQuery({ ...activityQuery(linkSplit), refetchInterval: REFRESH_MS });

  if (stats.error) return <main className="screen-message">Could not load the statistics: {stats.error.message}</main>;
  if (!stats.data) return <main className="screen-message muted">Loading the statistics…</main>;
  const s = stats.data;
  const decided = s.byStatus.accepted + s.byStatus.rejected;
  return (
    <main className="dashboard" data-testid="dashboard">
      <header className="dashboard__summary" data-testid="dashboard-summary" data-total={s.total} data-decided={decided}>
        <div>
          <strong>{s.total.toLocaleString("en")}</strong> pairs
        </div>
        <div>
          <strong>{decided.toLocaleString("en")}</strong> decided ({s.total ? ((decided / s.total) * 100).toFixed(1) : "0"}%)
        </div>
        <div className="dashboard__accepted">
          <strong>{s.byStatus.accepted.toLocaleString("en")}</strong> accepted
        </div>
        <div className="dashboard__rejected">
          <strong>{s.byStatus.rejected.toLocaleString("en")}</strong> rejected
        </div>
        <div>
          <strong>{s.byStatus.pending.toLocaleString("en")}</strong> pending
        </div>
        <span className="dashboard__spacer" />
        {split && (
          <Link href={`/review?split=${encodeURIComponent(split.name)}`} className="dashboard__cta">
            Review pending pairs →
          </Link>
        )}
      </header>
      <div className="dashboard__grid">
        <ProgressPanel stats={s} />
        <GranularityPanel stats={s} split={linkSplit} />
        <ReasonsPanel stats={s} split={linkSplit} />
        <FlagsPanel stats={s} split={linkSplit} />
        <HistogramPanel stats={s} split={linkSplit} />
        <ActivityPanels activity={activity.data} error={activity.error} split={linkSplit} />
      </div>
    </main>
  );
}
