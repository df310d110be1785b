import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { PairSummary, StatusCounts } from "../../../shared/api";
import type { Sample } from "../../../shared/insightsApi";
import { sampleQuery } from "../../api/insightsQueries";
import { pairListQuery } from "../../api/queries";
import { totalOf } from "../../filters/counts";
import type { GalleryParams } from "./galleryParams";

export interface GalleryItems {
  items: PairSummary[];
  total: number;
  /** Per-status counts of the filter (the list's, not the sample's). */
  counts: StatusCounts | undefined;
  loading: boolean;
  error: Error | null;
  hasMore: boolean;
  loadMore: () => void;
  sample: Sample | null;
}

/** The cards: the filtered queue a page at a time, or the seeded sample drawn from it. */
export function useGalleryItems({ filters, sample }: GalleryParams): GalleryItems {
  // Only one of the two sources is fetched: the sample replaces the list while it is shown.
  // Refetched on every visit: a decision made in Review since (a swapped target) bumps the
  // pair's version, which repaints its card instead of showing the cached picture.
  const list = useInfiniteQuery({ ...pairListQuery(filters), enabled: sample === null, refetchOnMount: "always" });
  const drawn = useQuery({ ...sampleQuery(filters, sample?.n ?? 0, sample?.seed ?? ""), enabled: sample !== null });
  const pages = list.data?.pages;
  const listItems = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);

  if (sample) {
    return {
      items: drawn.data?.items ?? [],
      total: drawn.data?.items.length ?? 0,
      counts: undefined,
      loading: drawn.isPending,
      error: drawn.error,
      hasMore: false,
      loadMore: () => {},
      sample: drawn.data ?? null,
    };
  }
  return {
    items: listItems,
    total: pages?.[0] ? totalOf(pages[0].counts, filters.status) : 0,
    counts: pages?.[0]?.counts,
    loading: list.isPending,
    error: list.error,
    hasMore: list.hasNextPage,
    loadMore: () => {
      if (!list.isFetchingNextPage) void list.fetchNextPage();
    },
    sample: null,
  };
}
