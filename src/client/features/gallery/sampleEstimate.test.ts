import { describe, expect, it } from "vitest";
import type { PairSummary } from "../../../shared/api";
import type { Granularity, Status } from "../../../shared/domain";
import { estimateRows } from "./sampleEstimate";

const pair = (i: number, granularity: Granularity, status: Status): PairSummary => ({
  id: `s:${i}:0`,
  split: "s",
  imageId: i,
  index: 0,
  question: "q",
  targetCount: 2,
  granularity,
  status,
  flags: [],
  reviewer: null,
});

describe("sample estimate", () => {
  it("estimates the bad share per granularity from decided pairs only, plus an overall row", () => {
    const items = [
      pair(1, "part", "rejected"),
      pair(2, "part", "accepted"),
      pair(3, "part", "pending"),
      pair(4, "object", "accepted"),
      pair(5, "object", "accepted"),
    ];
    const rows = estimateRows(items, { object: 200, part: 100, mixed: 50 });
    expect(rows.map((r) => r.granularity)).toEqual(["object", "part", "all"]);
    const part = rows.find((r) => r.granularity === "part")!;
    expect(part).toMatchObject({ sampled: 3, decided: 2, rejected: 1, population: 100 });
    expect(part.interval.estimate).toBe(0.5);
    const all = rows.at(-1)!;
    expect(all).toMatchObject({ sampled: 5, decided: 4, rejected: 1, population: 350 });
    expect(rows.find((r) => r.granularity === "object")!.interval.low).toBe(0);
  });
});
