import { useEffect } from "react";
import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { PairDetail, PairFilter, PairList } from "../../../../shared/api";
import { pairKeys } from "../../../api/keys";
import { pairDetailQuery } from "../../../api/queries";
import { afterPaint } from "../../../app/afterPaint";
import { warmNeighbour } from "../../../app/neighbourWarmers";
import { prefetchCanvas } from "../canvasBridge";

/** How many pairs ahead are loaded (data, image, decoded masks) so `j` finds them ready. */
const ahead = 4;

/** The ids after the current pair: from the queue's loaded rows when it holds them. */
function idsAhead(list: InfiniteData<PairList> | undefined, detail: PairDetail): string[] {
  const items = list?.pages.flatMap((page) => page.items) ?? [];
  const at = items.findIndex((item) => item.id === detail.id);
  if (at >= 0) return items.slice(at + 1, at + 1 + ahead).map((item) => item.id);
  return detail.next ? [detail.next] : [];
}

export function usePrefetchNeighbours(detail: PairDetail | undefined, filters: PairFilter): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!detail) return;
    let cancelled = false;
    const warm = async (id: string, depth: number): Promise<void> => {
      if (cancelled) return;
      warmNeighbour(id);
      const query = pairDetailQuery(id, filters);
      await client.prefetchQuery(query);
      const next = client.getQueryData(query.queryKey);
      if (!next || cancelled) return;
      prefetchCanvas(next);
      // Without the queue's rows, follow the chain of `next` links instead.
      if (depth > 1 && next.next) await warm(next.next, depth - 1);
    };
    const cancelWarm = afterPaint(() => {
      const list = client.getQueryData<InfiniteData<PairList>>(pairKeys.list(filters));
      const ids = idsAhead(list, detail);
      const chain = ids.length === 1 ? ahead : 1;
      for (const id of ids) void warm(id, chain);
      if (detail.prev) void warm(detail.prev, 1);
    });
    return () => {
      cancelled = true;
      cancelWarm();
    };
  }, [client, detail, filters]);
}
