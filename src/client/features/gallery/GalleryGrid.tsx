import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, type MouseEvent } from "react";
import type { PairSummary } from "../../../shared/api";
import { CARD_TEXT_HEIGHT, GAP, GROUP_HEADER_HEIGHT, type GridRow } from "./gridLayout";
import { useGallerySelection } from "./gallerySelectionStore";
import { PairCard } from "./PairCard";
import { THUMB_H, THUMB_W } from "./thumbRender";

interface GalleryGridProps {
  items: readonly PairSummary[];
  rows: readonly GridRow[];
  columns: number;
  width: number;
  hasMore: boolean;
  loadMore: () => void;
  onCardClick: (index: number, event: MouseEvent) => void;
  onOpen: (index: number) => void;
  onImageAction: (split: string, imageId: number, action: "accepted" | "rejected") => void;
}

/** The virtualised grid: only rows near the viewport exist in the DOM. */
export function GalleryGrid({ items, rows, columns, width, hasMore, loadMore, onCardClick, onOpen, onImageAction }: GalleryGridProps) {
  const scrollRef = useRef<HTMLElement>(null);
  const focus = useGallerySelection((s) => s.focus);
  const selected = useGallerySelection((s) => s.selected);
  const enlarged = useGallerySelection((s) => s.enlarged);
  const cardWidth = Math.floor((width - GAP * (columns - 1)) / columns);
  const cardHeight = Math.round((cardWidth * THUMB_H) / THUMB_W) + CARD_TEXT_HEIGHT;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => cardHeight + GAP + (rows[i]?.header ? GROUP_HEADER_HEIGHT : 0),
    overscan: 3,
  });
  const virtualRows = virtualizer.getVirtualItems();

  // Row heights depend on the width: re-measure when it (or the grouping) changes.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, cardHeight, rows]);

  const lastVisible = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastVisible >= rows.length - 3) loadMore();
  }, [hasMore, lastVisible, rows.length, loadMore]);

  // Keep the focused card on screen as the arrows move it.
  const focusRow = rows.findIndex((row) => row.cards.includes(focus));
  const lastFocusRow = useRef(-1);
  useEffect(() => {
    if (focusRow >= 0 && focusRow !== lastFocusRow.current) {
      virtualizer.scrollToIndex(focusRow, { align: "auto" });
      lastFocusRow.current = focusRow;
    }
  }, [focusRow, virtualizer]);

  return (
    // Focusable so the scrolling region is reachable by keyboard; the arrows move the card focus.
    <section ref={scrollRef} className="gallery-grid" data-testid="gallery-grid" aria-label="Pairs" tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualRows.map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          return (
            <div key={v.key} className="gallery-row" style={{ transform: `translateY(${v.start}px)`, height: v.size }}>
              {row.header && (
                <div className="gallery-row__header">
                  <strong>Image {row.header.imageId}</strong>
                  <span className="muted">
                    {row.header.pairs} pair{row.header.pairs === 1 ? "" : "s"} shown
                  </span>
                  <button type="button" onClick={() => onImageAction(row.header!.split, row.header!.imageId, "accepted")}>
                    Accept whole image
                  </button>
                  <button type="button" onClick={() => onImageAction(row.header!.split, row.header!.imageId, "rejected")}>
                    Reject whole image
                  </button>
                </div>
              )}
              <div className="gallery-row__cards" style={{ gridTemplateColumns: `repeat(${columns}, ${cardWidth}px)`, height: cardHeight }}>
                {row.cards.map((index) => {
                  const pair = items[index];
                  if (!pair) return null;
                  return (
                    <PairCard
                      key={pair.id}
                      pair={pair}
                      index={index}
                      focused={index === focus}
                      enlargedByKey={enlarged && index === focus}
                      selected={selected.has(pair.id)}
                      onClick={onCardClick}
                      onOpen={onOpen}
                    />
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
