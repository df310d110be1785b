import { useQuery } from "@tanstack/react-query";
import { activityQuery } from "../../api/insightsQueries";
import { statsQuery } from "../../api/queries";
import { useCurrentSplit } from "../../app/currentSplit";
import { Link } from "../../app/Link";
import { ActivityPanels } from "./panels/ActivityPanelsGroup";
import { HistogramPanel } from "./panels/HistogramPanel";
import { PredictionPanel } from "./panels/PredictionPanel";
import { RoundsAgreementPanel } from "./panels/RoundsAgreementPanel";
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

  const message = (text: string, muted = true) => (
    <main className={muted ? "screen-message muted" : "screen-message"}>
      <h1 className="visually-hidden">Dashboard</h1>
      {text}
    </main>
  );
  if (!loading && !split) return message("No split imported yet.");
  if (stats.error) return message(`Could not load the statistics: ${stats.error.message}`, false);
  if (!stats.data) return message("Loading the statistics…");
  const s = stats.data;
  const linkSplit = split?.name;
  const decided = s.byStatus.accepted + s.byStatus.rejected;
  return (
    <main className="dashboard" data-testid="dashboard">
      <h1 className="visually-hidden">Dashboard of {linkSplit}</h1>
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
          <Link href={`/review?split=${encodeURIComponent(split.name)}&status=pending`} className="dashboard__cta">
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
        <RoundsAgreementPanel split={linkSplit} />
        <ActivityPanels activity={activity.data} error={activity.error} split={linkSplit} />
      </div>
    </main>
  );
}
