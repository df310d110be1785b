import type { SplitSummary } from "../../shared/api";
import { filtersFromSearch } from "../api/filters";
import { useSplits } from "../api/queries";
import { useLocation } from "../lib/router";

/** The split in the URL, else the first one the server holds. */
export function useCurrentSplit(): { split: SplitSummary | null; splits: SplitSummary[]; loading: boolean } {
  const { search } = useLocation();
  const { data, isPending } = useSplits();
  const splits = data ?? [];
  const wanted = filtersFromSearch(search).split;
  const split = splits.find((s) => s.name === wanted) ?? splits[0] ?? null;
  return { split, splits, loading: isPending };
}
