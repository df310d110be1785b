import { useEffect, useState } from "react";
import type { PairFilter } from "../../shared/api";
import { useRole } from "../api/authQueries";
import { fetchPairs } from "../api/client";
import { filtersFromSearch, searchFromFilters } from "../api/filters";
import { useCurrentSplit } from "./currentSplit";
import { Link } from "./Link";
import { navigate, reviewPath, useLocation } from "../lib/router";

/**
 * `/` and `/review?…` open the first pair of the queue, pending pairs by default (decided ones
 * are one click away in the status control); when nothing is pending, the split's first pair.
 * A reviewer (team mode) decides the pairs their rounds hand them: `/` opens their rounds.
 */
export function RootRedirect() {
  const { split, loading } = useCurrentSplit();
  const { pathname, search } = useLocation();
  const name = split?.name;
  const [empty, setEmpty] = useState<string | null>(null);
  const role = useRole();
  // The one role that votes but may not decide directly (shared/roles.ts).
  const toRounds = pathname === "/" && role === "reviewer";
  useEffect(() => {
    if (!name) return;
    if (toRounds) {
      navigate(`/rounds?split=${encodeURIComponent(name)}`, { replace: true });
      return;
    }
    const asked = filtersFromSearch(search);
    const queue: PairFilter = { ...asked, split: name, status: asked.status ?? "pending" };
    const controller = new AbortController();
    void (async () => {
      const open = async (filters: PairFilter) => (await fetchPairs({ ...filters, limit: 1 }, controller.signal)).items[0];
      let filters = queue;
      let first = await open(filters);
      if (!first && asked.status === undefined) {
        filters = { ...asked, split: name };
        first = await open(filters);
      }
      if (first) navigate(reviewPath(first.id, searchFromFilters(filters)), { replace: true });
      else setEmpty(search);
    })().catch(() => undefined);
    return () => controller.abort();
  }, [name, search, toRounds]);
  if (!loading && !split) return <p className="screen-message">The server holds no split yet. Import one with `mmr-review import`.</p>;
  if (empty === search) {
    // Named, with the way out: the queue's filters live in the URL, and this screen has no filter bar.
    const named = new URLSearchParams(search);
    named.delete("split");
    const text = decodeURIComponent(named.toString().replaceAll("&", ", "));
    return (
      <div className="screen-message" data-testid="empty-queue">
        <p>No pair matches this queue's filters{text ? <> (<code>{text}</code>)</> : null}.</p>
        {text && name ? (
          <p>
            <Link href={`/review?split=${encodeURIComponent(name)}`}>Clear filters</Link>
          </p>
        ) : null}
      </div>
    );
  }
  return <p className="screen-message muted">Opening the first pending pair…</p>;
}
