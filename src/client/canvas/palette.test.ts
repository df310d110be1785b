import { describe, expect, it } from "vitest";
import { TARGET_COLORS, targetColor } from "./palette";

describe("palette", () => {
  it("has 16 distinct colours and repeats after them", () => {
    expect(new Set(TARGET_COLORS.map((c) => c.toLowerCase())).size).toBe(16);
    expect(targetColor(0)).toBe(TARGET_COLORS[0]);
    expect(targetColor(16)).toBe(targetColor(0));
    expect(targetColor(-1)).toBe(TARGET_COLORS[15]);
  });
});
