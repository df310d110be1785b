import { describe, expect, it } from "vitest";
import { placeBeside } from "./EnlargedCard";
import { thumbKey } from "./thumbCache";

const rect = (left: number, top: number, width: number, height: number) =>
  ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;

describe("hover-to-enlarge placement", () => {
  const view = { width: 1440, height: 900 };
  const size = { width: 640, height: 560 };
  it("goes right of a card on the left of the window", () => {
    expect(placeBeside(rect(20, 100, 220, 240), view, size)).toEqual({ x: 252, y: 100 });
  });
  it("goes left of a card near the right edge", () => {
    expect(placeBeside(rect(1200, 100, 220, 240), view, size)).toEqual({ x: 1200 - 12 - 640, y: 100 });
  });
  it("stays inside the window at the bottom", () => {
    expect(placeBeside(rect(20, 700, 220, 240), view, size).y).toBe(900 - 560 - 12);
  });
});

describe("card picture cache key", () => {
  it("changes with the decision version, not only with the target count", () => {
    expect(thumbKey("s:1:0", 1)).not.toBe(thumbKey("s:1:0", 2));
  });
});
