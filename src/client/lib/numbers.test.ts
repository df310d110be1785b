import { describe, expect, it } from "vitest";
import { formatWhole } from "./numbers";

describe("formatWhole", () => {
  it("rounds to a whole number and groups thousands with commas", () => {
    expect(formatWhole(0)).toBe("0");
    expect(formatWhole(999.4)).toBe("999");
    expect(formatWhole(999.5)).toBe("1,000");
    expect(formatWhole(1234567)).toBe("1,234,567");
    expect(formatWhole(-2500.2)).toBe("-2,500");
  });
});
