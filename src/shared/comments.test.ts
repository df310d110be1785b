import { describe, expect, it } from "vitest";
import { commentInputSchema, mentionsIn } from "./comments";

describe("mentions", () => {
  it("finds @names at the start, after spaces and brackets, each once, without trailing dots", () => {
    expect(mentionsIn("@ann is this the left cup? cc @bob. (@cat) and @ann again")).toEqual(["ann", "bob", "cat"]);
  });
  it("keeps dots inside a name and drops every trailing one", () => {
    expect(mentionsIn("thanks @ann.lee... and @bob..")).toEqual(["ann.lee", "bob"]);
  });
  it("ignores e-mail addresses and a lone @", () => {
    expect(mentionsIn("mail lea@example.org or write @ alone")).toEqual([]);
  });
});

describe("comment input", () => {
  it("needs text, at most 4000 characters", () => {
    expect(commentInputSchema.safeParse({ text: "   " }).success).toBe(false);
    expect(commentInputSchema.safeParse({ text: "x".repeat(4001) }).success).toBe(false);
    expect(commentInputSchema.safeParse({ text: "<b>not html</b>", discussion: true }).success).toBe(true);
  });
});
