import type { PairFilter, PairSummary } from "../../shared/api";
import type { Decision, Granularity } from "../../shared/domain";
import type { Activity, ExportPreview, Thumb } from "../../shared/insightsApi";

/*
 * Read-only aggregates for the gallery, dashboard and export screens, part of every `ReviewStore`
 * through `insights()` (kept in their own interface so the core contract stays readable).
 */

/** A gallery card as the store keeps it; the HTTP layer adds `url` from split and image id. */
export type StoredThumb = Omit<Thumb, "url">;

export interface InsightsStore {
  /** Decisions per reviewer per hour and agreement between reviewers, from the history. */
  activity(split?: string): Promise<Activity>;
  /** Ids of the filtered pairs in dataset order (the population a sample is drawn from). */
  filteredIds(filter: PairFilter): Promise<string[]>;
  /** Filtered pairs per granularity. */
  countByGranularity(filter: PairFilter): Promise<Record<Granularity, number>>;
  /** Summaries of the given pairs, in dataset order; unknown ids are left out. */
  summaries(ids: readonly string[]): Promise<PairSummary[]>;
  /** Every pair of one image, in question order. */
  imagePairs(split: string, imageId: number): Promise<PairSummary[]>;
  /** What a gallery card paints; unknown ids are left out. */
  thumbs(ids: readonly string[]): Promise<StoredThumb[]>;
  /** Current decision of each id (null: pending, never decided, or no such pair). */
  decisions(ids: readonly string[]): Promise<Record<string, Decision | null>>;
  /** What `export` would keep and drop. */
  exportPreview(split: string, includePending: boolean): Promise<ExportPreview>;
}
