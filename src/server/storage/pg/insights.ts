import type pg from "pg";
import type { PairFilter, PairSummary } from "../../../shared/api";
import type { Decision, Granularity } from "../../../shared/domain";
import type { Activity, ExportPreview } from "../../../shared/insightsApi";
import type { InsightsStore, StoredThumb } from "../insights";

/* Dashboard, gallery and export-preview aggregates on PostgreSQL (skeleton). */
export class PgInsights implements InsightsStore {
  constructor(readonly pool: pg.Pool) {}

  activity(_split?: string): Promise<Activity> {
    return Promise.reject(new Error("not implemented"));
  }
  filteredIds(_filter: PairFilter): Promise<string[]> {
    return Promise.reject(new Error("not implemented"));
  }
  countByGranularity(_filter: PairFilter): Promise<Record<Granularity, number>> {
    return Promise.reject(new Error("not implemented"));
  }
  summaries(_ids: readonly string[]): Promise<PairSummary[]> {
    return Promise.reject(new Error("not implemented"));
  }
  imagePairs(_split: string, _imageId: number): Promise<PairSummary[]> {
    return Promise.reject(new Error("not implemented"));
  }
  thumbs(_ids: readonly string[]): Promise<StoredThumb[]> {
    return Promise.reject(new Error("not implemented"));
  }
  decisions(_ids: readonly string[]): Promise<Record<string, Decision | null>> {
    return Promise.reject(new Error("not implemented"));
  }
  exportPreview(_split: string, _includePending: boolean): Promise<ExportPreview> {
    return Promise.reject(new Error("not implemented"));
  }
}
