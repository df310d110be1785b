import { memo, useCallback } from "react";
import type { PairFilter, StatusCounts } from "../../../../shared/api";
import { searchFromFilters } from "../../../api/filters";
import { usePairList } from "../../../api/queries";
import { currentLocation, matchReviewPath, navigate, reviewPath } from "../../../app/router";
import { QueueFilters } from "./QueueFilters";
import { QueueList } from "./QueueList";
import { QueueProgress } from "./QueueProgress";

/** Filters and progress do not depend on the open pair, so moving with j/k leaves them alone. */
const QueueHeader = memo(function QueueHeader({ filters }: { filters: PairFilter }) {
  const list = usePairList(filters);
  const firstPage = list.data?.pages[0];
  const onChange = useCallback(
    (patch: Partial<PairFilter>) => {
      const pairId = matchReviewPath(currentLocation().pathname);
      if (pairId) navigate(reviewPath(pairId, searchFromFilters({ ...filters, ...patch })));
    },
    [filters],
  );
  return (
    <>
      <QueueFilters filters={filters} onChange={onChange} />
      <QueueProgress counts={firstPage?.counts} status={filters.status} onStatus={(status) => onChange({ status })} />
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
  const n = status ? counts[status] : counts.pending + counts.accepted + counts.rejected;
  return `${n.toLocaleString("en")} ${status ? `${status} ` : ""}pair${n === 1 ? "" : "s"} in this queue`;
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
