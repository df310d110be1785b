import type { PairFilter, PairSummary } from "../../shared/api";
import type { Decision, Granularity } from "../../shared/domain";
import type { Activity, ExportPreview, Thumb } from "../../shared/insightsApi";
import type { ReviewStore } from "./store";

/*
 * Read-only aggregates for the gallery, dashboard and export screens. Kept apart from
 * `ReviewStore` so the core contract stays small: a store offers them through `insights()`, and
 * the routes answer 501 when a store does not.
 */
export interface InsightsStore {
  /** Decisions per reviewer per hour and agreement between reviewers, from the history. */
  activity(split?: string): Activity;
  /** Ids of the filtered pairs in dataset order (the population a sample is drawn from). */
  filteredIds(filter: PairFilter): string[];
  /** Filtered pairs per granularity. */
  countByGranularity(filter: PairFilter): Record<Granularity, number>;
  /** Summaries of the given pairs, in dataset order; unknown ids are left out. */
  summaries(ids: readonly string[]): PairSummary[];
  /** Every pair of one image, in question order. */
  imagePairs(split: string, imageId: number): PairSummary[];
  /** What a gallery card paints; unknown ids are left out. */
  thumbs(ids: readonly string[]): Thumb[];
  /** Current decision of each id (null: pending, never decided, or no such pair). */
  decisions(ids: readonly string[]): Record<string, Decision | null>;
  /** What `export` would keep and drop. */
  exportPreview(split: string, includePending: boolean): ExportPreview;
}

export interface InsightsProvider {
  insights(): InsightsStore;
}

/** The store's insights, or null when it offers none. */
export function insightsOf(store: ReviewStore): InsightsStore | null {
  const candidate = store as ReviewStore & Partial<InsightsProvider>;
  return typeof candidate.insights === "function" ? candidate.insights() : null;
}
