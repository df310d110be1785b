import { describe, expect, it } from "vitest";
import { totalOf } from "./counts";

describe("totalOf", () => {
  const counts = { pending: 34, accepted: 5, rejected: 2 };
  it("is the status's own count under a status filter", () => {
    expect(totalOf(counts, "pending")).toBe(34);
    expect(totalOf(counts, "rejected")).toBe(2);
  });
  it("is the sum of every status without one", () => {
    expect(totalOf(counts, undefined)).toBe(41);
  });
});
