import type { PairFilter, StatusCounts } from "../../shared/api";

/*
 * The number of pairs a filter selects, from its per-status counts. Derived, never read from a
 * separate total: an optimistic decision moves a pair between the counts, and a header that read
 * a stale total said 35 while the pending chip beside it said 34.
 */
export function totalOf(counts: StatusCounts, status: PairFilter["status"]): number {
  return status === undefined ? counts.pending + counts.accepted + counts.rejected : counts[status];
}
