import { describe, expect, it } from "vitest";
import { middleTruncate } from "./middleTruncate";

describe("middleTruncate", () => {
  it("keeps a short name whole", () => {
    expect(middleTruncate("mug_1's handle")).toBe("mug_1's handle");
  });
  it("keeps what tells two long names apart (their ends)", () => {
    const left = middleTruncate("mouse_(computer_equipment)_1's left_button", 30);
    const right = middleTruncate("mouse_(computer_equipment)_1's right_button", 30);
    expect([...left].length).toBe(30);
    expect(left.endsWith("left_button")).toBe(true);
    expect(right.endsWith("right_button")).toBe(true);
    expect(left.startsWith("mouse_(")).toBe(true);
    expect(left).not.toBe(right);
  });
});
