import { useCallback, useEffect, useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { PairFilter } from "../../../../shared/api";
import { usePairList } from "../../../api/queries";
import { afterPaint } from "../../../app/afterPaint";
import { goToPair } from "../decide/useDecisionActions";
import { QueueRow } from "./QueueRow";

const rowHeight = 52;
/** Fetch the next page this many rows before the end comes into view. */
const fetchAhead = 40;

/** The queue as a virtual list over cursor pages; the open pair stays in view. */
export function QueueList({ filters, currentId }: { filters: PairFilter; currentId: string }) {
  const list = usePairList(filters);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  const virtualizer = useVirtualizer({
    count: items.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= items.length - fetchAhead) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, items.length, fetchNextPage]);

  const currentIndex = useMemo(() => items.findIndex((item) => item.id === currentId), [items, currentId]);
  useEffect(() => {
    if (currentIndex < 0) return;
    // Known offsets and the last measured viewport: no layout is forced when the row is in view.
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    const start = currentIndex * rowHeight;
    if (height > 0 && start >= top && start + rowHeight <= top + height) return;
    return afterPaint(() => virtualizer.scrollToIndex(currentIndex, { align: "auto" }));
  }, [currentIndex, virtualizer]);

  const open = useCallback((id: string) => goToPair(id), []);

  if (list.isError) return <p className="queue-message" role="alert">Could not load the queue: {list.error.message}</p>;
  if (list.isPending) return <p className="queue-message muted">Loading the queue…</p>;
  if (items.length === 0) return <p className="queue-message muted">No pair matches these filters.</p>;

  return (
    <div ref={scroller} className="queue-list" data-testid="queue-list" role="list">
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualRows.map((row) => {
          const item = items[row.index];
          return (
            <div key={row.key} role="listitem" className="queue-list__slot" style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}>
              {item ? <QueueRow item={item} current={item.id === currentId} onOpen={open} /> : <span className="queue-message muted">Loading more…</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
