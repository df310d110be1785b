import { useEffect } from "react";
import { fetchPairs } from "../api/client";
import { useCurrentSplit } from "./currentSplit";
import { navigate, reviewPath } from "./router";

/** `/` opens the first pending pair of the split (or its first pair when everything is decided). */
export function RootRedirect() {
  const { split, loading } = useCurrentSplit();
  const name = split?.name;
  useEffect(() => {
    if (!name) return;
    const controller = new AbortController();
    void (async () => {
      // The queue is the pending pairs (so a/j never walk through decided ones); when none is
      // left, the whole split, where the status chips filter by decision.
      const split = `?split=${encodeURIComponent(name)}`;
      const pending = (await fetchPairs({ split: name, status: "pending", limit: 1 }, controller.signal)).items[0];
      if (pending) {
        navigate(reviewPath(pending.id, `${split}&status=pending`), { replace: true });
        return;
      }
      const first = (await fetchPairs({ split: name, limit: 1 }, controller.signal)).items[0];
      if (first) navigate(reviewPath(first.id, split), { replace: true });
    })().catch(() => undefined);
    return () => controller.abort();
  }, [name]);
  if (!loading && !split) return <p className="screen-message">The server holds no split yet. Import one with `mmr-review import`.</p>;
  return <p className="screen-message muted">Opening the first pending pair…</p>;
}
