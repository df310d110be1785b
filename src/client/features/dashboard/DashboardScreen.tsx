import { useQuery } from "@tanstack/react-query";
import { activityQuery } from "../../api/insightsQueries";
import { statsQuery } from "../../api/queries";
import { useCurrentSplit } from "../../app/currentSplit";
import { Link } from "../../app/Link";
import { ActivityPanels } from "./panels/ActivityPanelsGroup";
import { HistogramPanel } from "./panels/HistogramPanel";
import { PredictionPanel } from "./panels/PredictionPanel";
import { FlagsPanel, ReasonsPanel } from "./panels/ReasonFlagPanels";
import { GranularityPanel, ProgressPanel } from "./panels/StatusPanels";
import "./dashboard.css";

/** Leads watch progress here; the page refreshes itself while people review. */
const REFRESH_MS = 15_000;

export function DashboardScreen() {
  const { split, loading } = useCurrentSplit();
  // Every count is for the split picked in the top bar, and so is every chart link.
  const name = split?.name ?? null;
  const stats = useQuery({ ...statsQuery(name), refetchInterval: REFRESH_MS, enabled: name !== null });
  const activity = useQuery({ ...activityQuery(name ?? undefined), refetchInterval: REFRESH_MS, enabled: name !== null });

  if (!loading && !split) return <main className="screen-message muted">No split imported yet.</main>;

  if (stats.error) return <main className="screen-message">Could not load the statistics: {stats.error.message}</main>;
  if (!stats.data) return <main className="screen-message muted">Loading the statistics…</main>;
  const s = stats.data;
  const linkSplit = split?.name;
  const decided = s.byStatus.accepted + s.byStatus.rejected;
  return (
    <main className="dashboard" data-testid="dashboard">
      <header className="dashboard__summary" data-testid="dashboard-summary" data-total={s.total} data-decided={decided}>
        <div>
          <strong>{s.total.toLocaleString("en")}</strong> pairs in <strong data-testid="dashboard-split">{linkSplit}</strong>
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
        <PredictionPanel split={linkSplit} />
        <ActivityPanels activity={activity.data} error={activity.error} split={linkSplit} />
      </div>
    </main>
  );
}
