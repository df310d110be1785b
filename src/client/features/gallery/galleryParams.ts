import type { PairFilter } from "../../../shared/api";
import { filtersFromSearch, searchFromFilters } from "../../api/filters";

/*
 * Everything the gallery shows is in its URL, so a spot-check or a sample can be shared: the
 * queue's filters, plus `group=image`, `sample=<N>` and `seed=<text>`.
 */

export interface GalleryParams {
  filters: PairFilter;
  groupByImage: boolean;
  sample: { n: number; seed: string } | null;
}

/** Leads spot-check multi-target answers first; `minTargets=0` in the URL shows every pair. */
export const DEFAULT_MIN_TARGETS = 2;
export const MAX_SAMPLE = 5000;

export function galleryParamsFrom(search: string, defaultSplit: string | undefined): GalleryParams {
  const params = new URLSearchParams(search);
  const filters = filtersFromSearch(search);
  if (filters.split === undefined && defaultSplit !== undefined) filters.split = defaultSplit;
  if (filters.minTargets === undefined) filters.minTargets = DEFAULT_MIN_TARGETS;
  const n = Number(params.get("sample"));
  const seed = params.get("seed")?.slice(0, 80) ?? "";
  const sample = Number.isInteger(n) && n > 0 && seed !== "" ? { n: Math.min(n, MAX_SAMPLE), seed } : null;
  return { filters, groupByImage: params.get("group") === "image", sample };
}

export function gallerySearch(p: GalleryParams): string {
  const params = new URLSearchParams(searchFromFilters(p.filters));
  if (p.groupByImage) params.set("group", "image");
  if (p.sample) {
    params.set("sample", String(p.sample.n));
    params.set("seed", p.sample.seed);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A short random seed a person can read out loud. */
export function newSeed(): string {
  return Math.random().toString(36).slice(2, 8);
}
