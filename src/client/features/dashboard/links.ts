import type { PairFilter } from "../../../shared/api";
import { searchFromFilters } from "../../api/filters";

/** The gallery filtered on what a chart element counts (all target counts unless it says). */
export function galleryHref(filters: PairFilter): string {
  return `/gallery${searchFromFilters({ minTargets: 0, ...filters })}`;
}

export const statusColor = {
  accepted: "var(--status-accepted)",
  rejected: "var(--status-rejected)",
  pending: "var(--status-pending-fill)",
} as const;

/** The legend of a stacked status bar, in the order of its segments. */
export function statusLegend(order: readonly (keyof typeof statusColor)[]) {
  return order.map((status) => ({ key: status, label: status, color: statusColor[status] }));
}
