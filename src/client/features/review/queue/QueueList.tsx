import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { PairFilter } from "../../../../shared/api";
import { usePairList } from "../../../api/queries";
import { afterPaint } from "../../../app/afterPaint";
import { goToPair } from "../decide/useDecisionActions";
import { useEditDraftStore } from "../edit/editDraftStore";
import { QueueRow } from "./QueueRow";
import { useFixedRows } from "./useFixedRows";

const rowHeight = 52;
/** Fetch the next page this many rows before the end comes into view. */
const fetchAhead = 40;
const optionId = (index: number) => `queue-option-${index}`;

/**
 * The queue as a virtual list over cursor pages; the open pair stays in view. One Tab stop: the
 * list itself takes the keyboard, ↑/↓ (Home/End, PgUp/PgDn) move the active row, Enter opens it.
 */
export function QueueList({ filters, currentId }: { filters: PairFilter; currentId: string }) {
  const list = usePairList(filters);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const drafts = useEditDraftStore((state) => state.saved);
  const scroller = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const count = items.length + (hasNextPage ? 1 : 0);
  const rows = useFixedRows(scroller, count, rowHeight);

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && rows.last >= items.length - fetchAhead) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, rows.last, items.length, fetchNextPage]);

  const currentIndex = useMemo(() => items.findIndex((item) => item.id === currentId), [items, currentId]);
  // The active row follows the open pair until the arrows move it (no effect, no extra render on j).
  const [moved, setMoved] = useState<{ from: string; index: number } | null>(null);
  const active = moved && moved.from === currentId ? moved.index : currentIndex;
  const setActive = (index: number) => setMoved({ from: currentId, index });
  const { scrollToRow, viewTop, viewHeight } = rows;
  useEffect(() => {
    if (currentIndex < 0) return;
    const start = currentIndex * rowHeight;
    if (viewHeight > 0 && start >= viewTop && start + rowHeight <= viewTop + viewHeight) return;
    return afterPaint(() => scrollToRow(currentIndex));
    // Only when the open pair changes, not on every scroll.
  }, [currentIndex, scrollToRow]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = useCallback((id: string) => goToPair(id), []);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(items.length - 1, to));
    setActive(next);
    scrollToRow(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const at = active < 0 ? Math.max(0, currentIndex) : active;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Enter: () => {
        const item = items[at];
        if (item) open(item.id);
      },
    };
    const action = keys[event.key];
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  if (list.isError) return <p className="queue-message" role="alert">Could not load the queue: {list.error.message}</p>;
  if (list.isPending) return <p className="queue-message muted">Loading the queue…</p>;
  if (items.length === 0) return <p className="queue-message muted">No pair matches these filters.</p>;
  const shown = [];
  for (let index = rows.first; index <= rows.last; index++) shown.push(index);
  const activeShown = active >= rows.first && active <= rows.last && items[active];
  return (
    <div
      ref={scroller}
      className="queue-list"
      data-testid="queue-list"
      role="listbox"
      aria-label="Pairs in this queue"
      tabIndex={0}
      aria-activedescendant={activeShown ? optionId(active) : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: rows.total, position: "relative" }}>
        {shown.map((index) => {
          const item = items[index];
          return (
            <div key={item?.id ?? "more"} className="queue-list__slot" role="presentation" style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}>
              {item ? (
                <QueueRow
                  id={optionId(index)}
                  item={item}
                  current={item.id === currentId}
                  active={index === active}
                  draft={item.id in drafts}
                  onOpen={open}
                />
              ) : (
                <span className="queue-message muted">Loading more…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
