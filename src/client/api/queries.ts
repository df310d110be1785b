import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { PairFilter } from "../../shared/api";
import { fetchHistory, fetchPair, fetchPairs, fetchSplits, fetchStats } from "./client";
import { pairKeys, splitKeys, statsKeys } from "./keys";

/** Rows per page of the queue: a screenful several times over, small enough to answer fast. */
export const queuePageSize = 200;

export const splitsQuery = () =>
  queryOptions({ queryKey: splitKeys.all, queryFn: ({ signal }) => fetchSplits(signal), staleTime: 30_000 });

export const pairDetailQuery = (id: string, filters: PairFilter) =>
  queryOptions({
    queryKey: pairKeys.detail(id, filters),
    queryFn: ({ signal }) => fetchPair(id, filters, signal),
    // Decisions patch this cache themselves; refetching on every visit would only add latency.
    staleTime: 60_000,
  });

export const pairListQuery = (filters: PairFilter) =>
  infiniteQueryOptions({
    queryKey: pairKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      fetchPairs({ ...filters, cursor: pageParam ?? undefined, limit: queuePageSize }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 60_000,
  });

export const historyQuery = (id: string) =>
  queryOptions({ queryKey: pairKeys.history(id), queryFn: ({ signal }) => fetchHistory(id, signal) });

export const statsQuery = (split: string | null = null) =>
  queryOptions({ queryKey: statsKeys.of(split), queryFn: ({ signal }) => fetchStats(split, signal) });

export const useSplits = () => useQuery(splitsQuery());
export const usePair = (id: string, filters: PairFilter) => useQuery(pairDetailQuery(id, filters));
export const usePairList = (filters: PairFilter) => useInfiniteQuery(pairListQuery(filters));
