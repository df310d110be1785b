import type { Activity } from "../../../../shared/insightsApi";
import { ActivityPanel, AgreementPanel } from "./ActivityPanels";
import { Panel } from "./Panel";

/** The history-based panels, which load separately from the counts. */
export function ActivityPanels({ activity, error, split }: { activity: Activity | undefined; error: Error | null; split: string | undefined }) {
  if (error) return <Panel title="Activity">Could not load the activity: {error.message}</Panel>;
  if (!activity) return <Panel title="Activity"><p className="muted">Loading…</p></Panel>;
  return (
    <>
      <AgreementPanel activity={activity} split={split} />
      <ActivityPanel activity={activity} split={split} />
    </>
  );
}
