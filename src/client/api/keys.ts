import type { PairFilter } from "../../shared/api";
import { normaliseFilters } from "./filters";

/* Query keys: one factory per resource, so invalidation and optimistic updates hit exactly. */

export const pairKeys = {
  all: ["pairs"] as const,
  lists: () => [...pairKeys.all, "list"] as const,
  list: (filters: PairFilter) => [...pairKeys.lists(), normaliseFilters(filters)] as const,
  details: () => [...pairKeys.all, "detail"] as const,
  /** Every cached detail of one pair, whatever filter its neighbours were computed under. */
  detailAll: (id: string) => [...pairKeys.details(), id] as const,
  detail: (id: string, filters: PairFilter) => [...pairKeys.detailAll(id), normaliseFilters(filters)] as const,
  history: (id: string) => [...pairKeys.all, "history", id] as const,
};

export const splitKeys = {
  all: ["splits"] as const,
};

export const statsKeys = {
  all: ["stats"] as const,
  /** One split's counts, or every split's (`null`); invalidating `all` refreshes both. */
  of: (split: string | null) => ["stats", split] as const,
};

/** The gallery, dashboard and export aggregates (see insightsQueries.ts). */
export const insightsKeys = {
  all: ["insights"] as const,
  activity: (split: string | undefined) => [...insightsKeys.all, "activity", split ?? null] as const,
  samples: () => [...insightsKeys.all, "sample"] as const,
  sample: (filters: PairFilter, n: number, seed: string) => [...insightsKeys.samples(), normaliseFilters(filters), n, seed] as const,
  exportPreview: (split: string, includePending: boolean) => [...insightsKeys.all, "export-preview", split, includePending] as const,
};
