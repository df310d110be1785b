import { memo, useCallback, useMemo } from "react";
import type { PairFilter } from "../../../../shared/api";
import { ignoredFilters, searchFromFilters } from "../../../api/filters";
import { usePairList } from "../../../api/queries";
import { currentLocation, matchReviewPath, navigate, reviewPath } from "../../../lib/router";
import { totalOf } from "../../../filters/counts";
import { FilterBar } from "../../../filters/FilterBar";
import { QueueList } from "./QueueList";
import { QueueProgress } from "./QueueProgress";

/** Filters and progress do not depend on the open pair, so moving with j/k leaves them alone. */
const QueueHeader = memo(function QueueHeader({ filters }: { filters: PairFilter }) {
  const list = usePairList(filters);
  const firstPage = list.data?.pages[0];
  // Read once per filter change, not per location: j/k must not re-render the header.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ignored = useMemo(() => ignoredFilters(currentLocation().search), [filters]);
  const onChange = useCallback((next: PairFilter) => {
    const pairId = matchReviewPath(currentLocation().pathname);
    if (pairId) navigate(reviewPath(pairId, searchFromFilters(next)));
  }, []);
  return (
    <>
      <FilterBar layout="pane" filters={filters} onChange={onChange} counts={firstPage?.counts} ignored={ignored} />
      <QueueProgress counts={firstPage?.counts} status={filters.status} onStatus={(status) => onChange({ ...filters, status })} />
      <div className="queue-pane__total muted" data-testid="queue-total">
        {firstPage ? `${totalOf(firstPage.counts, filters.status).toLocaleString("en")} pairs in this queue` : "\u00a0"}
      </div>
    </>
  );
});

/** The left pane: filters, progress, and the list of pairs they select. */
export function QueuePane({ filters, currentId }: { filters: PairFilter; currentId: string }) {
  return (
    <aside className="queue-pane" aria-label="Queue">
      <QueueHeader filters={filters} />
      <QueueList filters={filters} currentId={currentId} />
    </aside>
  );
}
