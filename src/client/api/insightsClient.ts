import type { PairFilter } from "../../shared/api";
import {
  activitySchema,
  decisionLookupSchema,
  exportPreviewSchema,
  imagePairsSchema,
  sampleSchema,
  thumbListSchema,
  type Activity,
  type DecisionLookup,
  type ExportPreview,
  type Sample,
  type Thumb,
} from "../../shared/insightsApi";
import type { PairSummary } from "../../shared/api";
import { requestJson } from "./client";
import { searchFromFilters } from "./filters";

/*
 * Client of `/api/insights/*` (gallery, dashboard, export screens), through client.ts's one fetch
 * and error mapping: every answer is parsed with the shared schemas; errors become ApiError /
 * NetworkError.
 */

const request = requestJson;

function withParams(path: string, base: string, extra: Record<string, string>): string {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function fetchActivity(split: string | undefined, signal?: AbortSignal): Promise<Activity> {
  return request(withParams("/api/insights/activity", "", split ? { split } : {}), activitySchema, { signal });
}

export function fetchSample(filters: PairFilter, n: number, seed: string, signal?: AbortSignal): Promise<Sample> {
  const path = withParams("/api/insights/sample", searchFromFilters(filters), { n: String(n), seed });
  return request(path, sampleSchema, { signal });
}

export async function fetchThumbs(ids: readonly string[], signal?: AbortSignal): Promise<Thumb[]> {
  return (await request(withParams("/api/insights/thumbs", "", { ids: ids.join(",") }), thumbListSchema, { signal })).items;
}

export async function lookupDecisions(ids: readonly string[]): Promise<DecisionLookup["decisions"]> {
  const body = JSON.stringify({ ids });
  const init = { method: "POST", body, headers: { "content-type": "application/json" } };
  return (await request("/api/insights/decisions", decisionLookupSchema, init)).decisions;
}

export async function fetchImagePairs(split: string, imageId: number): Promise<PairSummary[]> {
  const path = withParams("/api/insights/image-pairs", "", { split, imageId: String(imageId) });
  return (await request(path, imagePairsSchema)).items;
}

export function fetchExportPreview(split: string, includePending: boolean, signal?: AbortSignal): Promise<ExportPreview> {
  const path = withParams("/api/insights/export-preview", "", { split, ...(includePending ? { include: "pending" } : {}) });
  return request(path, exportPreviewSchema, { signal });
}
