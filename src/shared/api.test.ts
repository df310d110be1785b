import { describe, expect, it } from "vitest";
import { imageUrl, pairFilterSchema } from "./api";

/* The API contract's few functions and the filters' parsing (SPEC section 7). */

describe("imageUrl", () => {
  it("names the split and the image id, the split escaped", () => {
    expect(imageUrl("val", 101)).toBe("/api/images/val/101");
    expect(imageUrl("a b/c", -3)).toBe("/api/images/a%20b%2Fc/-3");
  });
});

describe("pairFilterSchema", () => {
  it("reads the thread filters and refuses other discussion values", () => {
    expect(pairFilterSchema.parse({ discussion: "any", mentions: "ann" })).toEqual({ discussion: "any", mentions: "ann" });
    expect(pairFilterSchema.parse({ discussion: "sent" })).toEqual({ discussion: "sent" });
    expect(pairFilterSchema.safeParse({ discussion: "yes" }).success).toBe(false);
    expect(pairFilterSchema.safeParse({ mentions: "x".repeat(81) }).success).toBe(false);
  });
});
