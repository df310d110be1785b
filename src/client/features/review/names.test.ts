import { describe, expect, it } from "vitest";
import { shortName } from "./names";

describe("shortName", () => {
  it("leaves short names alone", () => {
    expect(shortName("mug_1's handle")).toBe("mug_1's handle");
  });
  it("drops the qualifier first, so sibling parts stay apart", () => {
    const names = ["left_button", "right_button", "wheel"].map((p) => shortName(`mouse_(computer_equipment)_1's ${p}`));
    expect(names).toEqual(["mouse_(…)_1's left_button", "mouse_(…)_1's right_button", "mouse_(…)_1's wheel"]);
  });
  it("shortens the category, not the instance number and part", () => {
    expect(shortName("laptop_computer_12's base_panel", 22)).toBe("lapto…_12's base_panel");
    expect(shortName("laptop_computer_12's base_panel", 22)).toHaveLength(22);
  });
  it("cuts the middle when even the tail is too long", () => {
    const out = shortName("a_1's extraordinarily_long_part_name_here", 16);
    expect(out).toHaveLength(16);
    expect(out.startsWith("a_1's")).toBe(true);
    expect(out.endsWith("here")).toBe(true);
  });
});
