import { describe, expect, it } from "vitest";
import { wordDiff } from "./wordDiff";

describe("wordDiff", () => {
  it("marks replaced words and keeps the rest", () => {
    expect(wordDiff("the red chair", "the blue chair")).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "red" },
      { kind: "added", text: "blue" },
      { kind: "same", text: " chair" },
    ]);
  });
  it("joins both sides back into the texts", () => {
    const parts = wordDiff("a b c d", "a x c d e");
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe("a b c d");
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe("a x c d e");
  });
});
