import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { PairFilter } from "../../shared/api";
import { fetchActivity, fetchExportPreview, fetchSample } from "./insightsClient";
import { insightsKeys } from "./keys";

/* Query keys and options of the insights endpoints; one factory, like keys.ts. */

export { insightsKeys };

export const activityQuery = (split: string | undefined) =>
  queryOptions({ queryKey: insightsKeys.activity(split), queryFn: ({ signal }) => fetchActivity(split, signal) });

export const sampleQuery = (filters: PairFilter, n: number, seed: string) =>
  queryOptions({
    queryKey: insightsKeys.sample(filters, n, seed),
    queryFn: ({ signal }) => fetchSample(filters, n, seed, signal),
    // The gallery patches statuses in place as the sample gets decided.
    staleTime: 60_000,
  });

export const exportPreviewQuery = (split: string, includePending: boolean) =>
  queryOptions({
    queryKey: insightsKeys.exportPreview(split, includePending),
    queryFn: ({ signal }) => fetchExportPreview(split, includePending, signal),
    placeholderData: keepPreviousData,
  });
