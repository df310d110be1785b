import { memo, useCallback, useMemo } from "react";
import type { PairFilter, StatusCounts } from "../../../../shared/api";
import { ignoredFilters, searchFromFilters } from "../../../api/filters";
import { usePairList } from "../../../api/queries";
import { currentLocation, matchReviewPath, navigate, reviewPath } from "../../../lib/router";
import { totalOf } from "../../../filters/counts";
import { FilterBar } from "../../../filters/FilterBar";
import { IouRange, useSortPatch } from "../../../filters/DisagreementSort";
import { QueueList } from "./QueueList";
import { QueueProgress } from "./QueueProgress";
import { formatWhole } from "../../../lib/numbers";

/** Filters and progress do not depend on the open pair, so moving with j/k leaves them alone. */
const QueueHeader = memo(function QueueHeader({ filters }: { filters: PairFilter }) {
  const list = usePairList(filters);
  const firstPage = list.data?.pages[0];
  // Read once per filter change, not per location: j/k must not re-render the header.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const ignored = useMemo(() => ignoredFilters(currentLocation().search), [filters]);
  const sort = useSortPatch(filters);
  const onChange = useCallback((next: PairFilter) => {
    const pairId = matchReviewPath(currentLocation().pathname);
    if (pairId) navigate(reviewPath(pairId, searchFromFilters(next)));
  }, []);
  return (
    <>
      <FilterBar
        layout="pane"
        filters={filters}
        onChange={onChange}
        counts={firstPage?.counts}
        ignored={ignored}
        extraSorts={sort.available ? [{ value: "disagreement", label: "Model disagrees most" }] : []}
        onSort={sort.patch}
      >
        <IouRange filters={filters} onChange={(patch) => onChange({ ...filters, ...patch })} />
      </FilterBar>
      <QueueProgress counts={firstPage?.counts} status={filters.status} onStatus={(status) => onChange({ ...filters, status })} />
      <div className="queue-pane__total muted" data-testid="queue-total">
        {firstPage ? queueTotal(firstPage.counts, filters.status) : "\u00a0"}
      </div>
    </>
  );
});

/**
 * The header's count, from the same per-status counts as the chips (which follow each decision at
 * once), so the two never disagree.
 */
function queueTotal(counts: StatusCounts, status: PairFilter["status"]): string {
  const n = totalOf(counts, status);
  return `${formatWhole(n)} ${status ? `${status} ` : ""}pair${n === 1 ? "" : "s"} in this queue`;
}

/** The left pane: filters, progress, and the list of pairs they select. */
export function QueuePane({ filters, currentId }: { filters: PairFilter; currentId: string }) {
  return (
    <aside className="queue-pane" aria-label="Queue">
      <QueueHeader filters={filters} />
      <QueueList filters={filters} currentId={currentId} />
    </aside>
  );
}
