import { useShallow } from "zustand/react/shallow";
import type { PairDetail } from "../../../../shared/api";
import { othersOnPair, presenceText, useLiveStore } from "../../../api/liveStore";
import "./liveNotice.css";

/** A calm line in the pair panel: who else has this pair open, and who just decided it elsewhere. */
export function LiveNotice({ detail }: { detail: PairDetail }) {
  const names = useLiveStore(useShallow((s) => othersOnPair(s.viewers[detail.split], detail.id)));
  const remote = useLiveStore((s) => s.remote[detail.id]);
  const presence = presenceText(names);
  // Only while the pair still shows that decision (a later save of mine replaces it).
  const decided = remote && detail.decision?.version === remote.version ? remote : null;
  if (!presence && !decided) return null;
  return (
    <div className="live-notice" role="status" data-testid="live-notice">
      {presence && <p data-testid="presence-notice">{presence}</p>}
      {decided && (
        <p data-testid="remote-decision">
          {decided.reviewer || "someone"} {decided.status === "pending" ? "reset this pair to pending" : `${decided.status} this pair`} just now
        </p>
      )}
    </div>
  );
}
