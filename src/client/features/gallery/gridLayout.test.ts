import { describe, expect, it } from "vitest";
import type { PairSummary } from "../../../shared/api";
import { buildRows, columnsFor, moveFocus } from "./gridLayout";

const pair = (imageId: number, index: number): PairSummary => ({
  id: `s:${imageId}:${index}`,
  split: "s",
  imageId,
  index,
  question: "q",
  targetCount: 2,
  granularity: "object",
  status: "pending",
  flags: [],
  reviewer: null,
});

const items = [pair(1, 0), pair(1, 1), pair(1, 2), pair(2, 0), pair(3, 0), pair(3, 1)];

describe("gallery grid layout", () => {
  it("fits as many columns as the width allows", () => {
    expect(columnsFor(100)).toBe(1);
    expect(columnsFor(220 * 3 + 12 * 2)).toBe(3);
  });

  it("fills rows in order, or starts each image on its own row with a header", () => {
    expect(buildRows(items, 4, false).map((r) => r.cards)).toEqual([[0, 1, 2, 3], [4, 5]]);
    const grouped = buildRows(items, 2, true);
    expect(grouped.map((r) => r.cards)).toEqual([[0, 1], [2], [3], [4, 5]]);
    expect(grouped.map((r) => r.header?.imageId ?? null)).toEqual([1, null, 2, 3]);
    expect(grouped[0]!.header?.pairs).toBe(3);
  });

  it("moves the focus by card sideways and by row up and down", () => {
    const rows = buildRows(items, 2, true);
    expect(moveFocus(rows, 1, "ArrowDown", items.length)).toBe(2);
    expect(moveFocus(rows, 2, "ArrowDown", items.length)).toBe(3);
    expect(moveFocus(rows, 5, "ArrowUp", items.length)).toBe(3);
    expect(moveFocus(rows, 5, "ArrowRight", items.length)).toBe(5);
    expect(moveFocus(rows, 0, "ArrowLeft", items.length)).toBe(0);
  });
});
