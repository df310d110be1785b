import { describe, expect, it } from "vitest";
import { roundOf, withRound } from "./roundMode";

describe("round mode in the URL", () => {
  it("reads a positive round id and ignores anything else", () => {
    expect(roundOf("?split=val&round=12")).toBe(12);
    expect(roundOf("?round=0")).toBeNull();
    expect(roundOf("?round=1e3")).toBeNull();
    expect(roundOf("?split=val")).toBeNull();
  });
  it("sets and removes the round, keeping the queue's filters", () => {
    expect(withRound("?split=val&status=pending", 3)).toBe("?split=val&status=pending&round=3");
    expect(withRound("?split=val&round=3", null)).toBe("?split=val");
    expect(withRound("", null)).toBe("");
  });
});
