import { pairFilterSchema, type PairFilter } from "../../shared/api";

/* The queue's filters live in the URL's query string, so a shared link opens the same queue. */

const filterKeys = [
  "split",
  "status",
  "granularity",
  "minTargets",
  "maxTargets",
  "category",
  "flag",
  "reviewer",
  "reason",
  "disagree",
  "disagreeWith",
  "decidedBy",
  "decidedHour",
  "discussion",
  "mentions",
  "q",
  "sort",
  "model",
  "minIou",
  "maxIou",
] as const satisfies readonly (keyof PairFilter)[];

/** Parses what it can; an invalid value is dropped rather than failing the whole page. */
export function filtersFromSearch(search: string): PairFilter {
  const params = new URLSearchParams(search);
  const filters: PairFilter = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value === null || value === "") continue;
    const parsed = pairFilterSchema.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) Object.assign(filters, { [key]: parsed.data });
  }
  return filters;
}

/** `key=value` of each filter in the URL that was dropped because its value is not valid. */
export function ignoredFilters(search: string): string[] {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value === null || value === "") continue;
    if (!pairFilterSchema.shape[key].safeParse(value).success) ignored.push(`${key}=${value.slice(0, 60)}`);
  }
  return ignored;
}

export function searchFromFilters(filters: PairFilter): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key];
    if (value === undefined || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Stable form for query keys: fixed key order, no undefined entries. */
export function normaliseFilters(filters: PairFilter): PairFilter {
  return filtersFromSearch(searchFromFilters(filters));
}
