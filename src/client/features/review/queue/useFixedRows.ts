import { useCallback, useLayoutEffect, useState, type RefObject } from "react";

/**
 * A virtual window over a list of rows of one fixed height: which rows to render for the
 * scroller's current position. Fixed heights make it a few lines of arithmetic (no measuring).
 */
export function useFixedRows(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 12) {
  const [view, setView] = useState({ top: 0, height: 0 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener("scroll", onScroll, { passive: true });
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      el.removeEventListener("scroll", onScroll);
      ro.disconnect();
    };
  }, [scroller, count > 0]); // eslint-disable-line react-hooks/exhaustive-deps -- re-attach once the list appears
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  /** Scrolls the least needed so row `index` is fully in view. */
  const scrollToRow = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const start = index * rowHeight;
      if (start < el.scrollTop) el.scrollTop = start;
      else if (start + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = start + rowHeight - el.clientHeight;
    },
    [scroller, rowHeight],
  );
  return { first, last, total: count * rowHeight, viewTop: view.top, viewHeight: view.height, scrollToRow };
}
