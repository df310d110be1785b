import { describe, expect, it } from "vitest";
import { acceptBlockers, decisionInputSchema, editsSchema, normalizeEdits, pairId, parsePairId } from "./domain";

describe("pair ids", () => {
  it("writes and reads <split>:<image_id>:<question index>", () => {
    expect(pairId("MMR_val", 7, 2)).toBe("MMR_val:7:2");
    expect(parsePairId("MMR_val:7:2")).toEqual({ split: "MMR_val", imageId: 7, index: 2 });
    expect(parsePairId("a.b-c_d:-5:12")).toEqual({ split: "a.b-c_d", imageId: -5, index: 12 });
  });

  it("refuses ids with anything before or after, or an invalid split name", () => {
    for (const id of ["MMR_val:7:2x", "MMR_val:7:2:3", "!MMR_val:7:2", "x/MMR_val:7:2", "_a:7:2", "MMR_val:7", "MMR_val:7:-1", "MMR_val:7.5:2", ""]) {
      expect(parsePairId(id), id).toBeNull();
    }
  });
});

describe("accept blockers", () => {
  it("keeps only the loader-breaking flags, in the order given", () => {
    expect(acceptBlockers(["duplicate", "bad_rle", "explicit", "seg_count"])).toEqual(["bad_rle", "seg_count"]);
    expect(acceptBlockers(["duplicate", "explicit", "box_mismatch"])).toEqual([]);
  });
});

describe("edits", () => {
  it("refuses a target listed twice", () => {
    expect(editsSchema.safeParse({ targets: [1, 2] }).success).toBe(true);
    const twice = editsSchema.safeParse({ targets: [1, 2, 1] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((i) => i.message)).toEqual(["a target may appear only once"]);
  });

  it("normalizes absent, null and {} to null and keeps only the fields given", () => {
    expect(normalizeEdits(undefined)).toBeNull();
    expect(normalizeEdits(null)).toBeNull();
    expect(normalizeEdits({})).toBeNull();
    expect(Object.keys(normalizeEdits({ question: "q" })!)).toEqual(["question"]);
    expect(Object.keys(normalizeEdits({ textAnswer: "t" })!)).toEqual(["textAnswer"]);
    expect(normalizeEdits({ targets: [2, 0], textAnswer: "t", question: "" })).toStrictEqual({ question: "", textAnswer: "t", targets: [2, 0] });
    const targets = [1];
    expect(normalizeEdits({ targets })!.targets).not.toBe(targets);
  });
});

describe("decision input", () => {
  const base = { reviewer: "ana", baseVersion: 0 };
  it("needs a reason for a reject, and only for a reject", () => {
    const bare = decisionInputSchema.safeParse({ ...base, status: "rejected" });
    expect(bare.error?.issues).toEqual([expect.objectContaining({ code: "custom", path: ["reasons"], message: "a reject needs at least one reason" })]);
    expect(decisionInputSchema.safeParse({ ...base, status: "rejected", reasons: [] }).success).toBe(false);
    expect(decisionInputSchema.safeParse({ ...base, status: "rejected", reasons: ["wrong_mask"] }).success).toBe(true);
    expect(decisionInputSchema.safeParse({ ...base, status: "accepted" }).success).toBe(true);
    expect(decisionInputSchema.safeParse({ ...base, status: "pending" }).success).toBe(true);
  });
});
