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
      const pending = await fetchPairs({ split: name, status: "pending", limit: 1 }, controller.signal);
      const first = pending.items[0] ?? (await fetchPairs({ split: name, limit: 1 }, controller.signal)).items[0];
      if (first) navigate(reviewPath(first.id, `?split=${encodeURIComponent(name)}`), { replace: true });
    })().catch(() => undefined);
    return () => controller.abort();
  }, [name]);
  if (!loading && !split) return <p className="screen-message">The server holds no split yet. Import one with `mmr-review import`.</p>;
  return <p className="screen-message muted">Opening the first pending pair…</p>;
}
