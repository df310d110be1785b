import type { PairSummary } from "../../../shared/api";

/*
 * Cards laid out in rows for the virtualiser. Plain grid: `columns` cards per row. Grouped by
 * image: each image starts a new row with a header, so all its questions sit side by side.
 */

export interface GridRow {
  /** Card indices (into the item list) on this row. */
  cards: number[];
  /** Set on the first row of an image group. */
  header: { imageId: number; split: string; pairs: number } | null;
}

export const CARD_MIN_WIDTH = 220;
export const GAP = 12;
/** Question (2 lines), the target names line and the meta line under the picture. */
export const CARD_TEXT_HEIGHT = 112;
export const GROUP_HEADER_HEIGHT = 34;

export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP)));
}

export function buildRows(items: readonly PairSummary[], columns: number, groupByImage: boolean): GridRow[] {
  const rows: GridRow[] = [];
  if (!groupByImage) {
    for (let i = 0; i < items.length; i += columns) {
      rows.push({ cards: Array.from({ length: Math.min(columns, items.length - i) }, (_, k) => i + k), header: null });
    }
    return rows;
  }
  let start = 0;
  while (start < items.length) {
    const first = items[start]!;
    let end = start + 1;
    while (end < items.length && items[end]!.imageId === first.imageId && items[end]!.split === first.split) end++;
    for (let i = start; i < end; i += columns) {
      const cards = Array.from({ length: Math.min(columns, end - i) }, (_, k) => i + k);
      rows.push({ cards, header: i === start ? { imageId: first.imageId, split: first.split, pairs: end - start } : null });
    }
    start = end;
  }
  return rows;
}

/** Where the focus goes for an arrow key, moving by rows so grouped layouts work too. */
export function moveFocus(rows: readonly GridRow[], focus: number, key: "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown", count: number): number {
  if (count === 0) return 0;
  if (key === "ArrowLeft") return Math.max(0, focus - 1);
  if (key === "ArrowRight") return Math.min(count - 1, focus + 1);
  const r = rows.findIndex((row) => row.cards.includes(focus));
  if (r < 0) return Math.min(focus, count - 1);
  const column = rows[r]!.cards.indexOf(focus);
  const target = rows[key === "ArrowUp" ? r - 1 : r + 1];
  if (!target) return focus;
  return target.cards[Math.min(column, target.cards.length - 1)] ?? focus;
}
