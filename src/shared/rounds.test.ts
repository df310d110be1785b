import { describe, expect, it } from "vitest";
import { allAgree, estimateTimeLeftMs, medianGapMs, mergeAgreeingVotes, planRound, roundCreateSchema, settleSlot, voteInputSchema, votesAgree, type Vote } from "./rounds";

const v = (reviewer: string, status: "accepted" | "rejected", extra: Partial<Vote> = {}): Vote => ({
  reviewer,
  status,
  reasons: [],
  note: "",
  edits: null,
  targets: [0],
  granularity: "object",
  at: "t",
  version: 1,
  ...extra,
});

describe("the vote rule", () => {
  it("rejects agree whatever their reasons", () => {
    expect(votesAgree(v("a", "rejected", { reasons: ["ambiguous"] }), v("b", "rejected", { reasons: ["other"] }))).toBe(true);
  });
  it("accepts agree only with the same edits ({} and null are both no edits)", () => {
    expect(votesAgree(v("a", "accepted", { edits: {} }), v("b", "accepted"))).toBe(true);
    expect(votesAgree(v("a", "accepted", { edits: { targets: [1, 0] } }), v("b", "accepted", { edits: { targets: [0, 1] } }))).toBe(false);
    expect(votesAgree(v("a", "accepted", { edits: { question: "x?" } }), v("b", "accepted"))).toBe(false);
  });
  it("an accept and a reject disagree", () => {
    expect(votesAgree(v("a", "accepted"), v("b", "rejected", { reasons: ["other"] }))).toBe(false);
    expect(allAgree([v("a", "accepted"), v("b", "accepted"), v("c", "rejected", { reasons: ["other"] })])).toBe(false);
  });
  it("agreeing rejects make one decision with every reason once and both notes", () => {
    const merged = mergeAgreeingVotes([
      v("ann", "rejected", { reasons: ["ambiguous", "other"], note: "unclear" }),
      v("bob", "rejected", { reasons: ["other", "language"] }),
    ]);
    expect(merged).toEqual({ status: "rejected", reasons: ["ambiguous", "other", "language"], note: "ann: unclear", edits: null, reviewer: "ann & bob" });
  });
});

describe("the assignment plan", () => {
  const ids = Array.from({ length: 200 }, (_, i) => `val:${i}:0`);
  it("gives round(share × N) pairs k votes and the rest 1", () => {
    const plan = planRound(ids, { overlap: 2, share: 0.1, seed: "s1" });
    expect(plan).toHaveLength(200);
    expect(plan.filter((n) => n === 2)).toHaveLength(20);
    expect(plan.filter((n) => n === 1)).toHaveLength(180);
    expect(planRound(ids.slice(0, 15), { overlap: 3, share: 0.1, seed: "s1" }).filter((n) => n === 3)).toHaveLength(2); // 1.5 rounds to 2
  });
  it("is deterministic from the seed, and another seed draws other pairs", () => {
    const a = planRound(ids, { overlap: 2, share: 0.1, seed: "s1" });
    expect(planRound(ids, { overlap: 2, share: 0.1, seed: "s1" })).toEqual(a);
    expect(planRound(ids, { overlap: 2, share: 0.1, seed: "s2" })).not.toEqual(a);
  });
  it("share 1 doubles every pair; overlap 1 ignores the share", () => {
    expect(planRound(ids, { overlap: 2, share: 1, seed: "x" }).every((n) => n === 2)).toBe(true);
    expect(planRound(ids, { overlap: 1, share: 0.5, seed: "x" }).every((n) => n === 1)).toBe(true);
    expect(planRound(ids, { overlap: 2, share: 0, seed: "x" }).every((n) => n === 1)).toBe(true);
  });
  it("a round needs at least k reviewers, each once", () => {
    expect(roundCreateSchema.safeParse({ split: "val", overlap: 3, reviewers: ["a", "b"] }).success).toBe(false);
    expect(roundCreateSchema.safeParse({ split: "val", overlap: 2, reviewers: ["a", "a"] }).success).toBe(false);
    expect(roundCreateSchema.safeParse({ split: "val", overlap: 2, reviewers: ["a", "b"] }).success).toBe(true);
  });
});

describe("pace and time left", () => {
  it("the median gap between votes, breaks over 10 minutes left out", () => {
    // gaps 60 s, 30 s, 20 min (break), 30 s → median of 30, 30, 60 s = 30 s
    expect(medianGapMs([0, 60_000, 90_000, 90_000 + 20 * 60_000, 90_000 + 20 * 60_000 + 30_000])).toBe(30_000);
    expect(medianGapMs([5])).toBeNull();
    // even count: gaps 10 s and 20 s → 15 s
    expect(medianGapMs([0, 10_000, 30_000])).toBe(15_000);
  });
  it("reviewers working in parallel add their rates: 90 votes at 30 s and 60 s per vote take 30 minutes", () => {
    // 1/30000 + 1/60000 = 3/60000 votes per ms → 90 / (3/60000) = 1,800,000 ms
    expect(estimateTimeLeftMs([30_000, 60_000, null], 90)).toBeCloseTo(1_800_000, 6);
    expect(estimateTimeLeftMs([null], 5)).toBeNull();
    expect(estimateTimeLeftMs([], 0)).toBe(0);
  });
});

describe("votes, more closely", () => {
  it("a reject needs a reason; an accept does not", () => {
    for (const input of [{ status: "rejected" }, { status: "rejected", reasons: [] }]) {
      const parsed = voteInputSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reasons", "a reject needs at least one reason"]]);
    }
    expect(voteInputSchema.safeParse({ status: "rejected", reasons: ["other"] }).success).toBe(true);
    expect(voteInputSchema.safeParse({ status: "accepted" }).success).toBe(true);
  });

  it("rejects agree whatever their edits; agreeing votes agree all together", () => {
    expect(votesAgree(v("a", "rejected", { reasons: ["other"], edits: { question: "x?" } }), v("b", "rejected", { reasons: ["other"] }))).toBe(true);
    expect(allAgree([v("a", "accepted"), v("b", "accepted", { edits: {} })])).toBe(true);
  });

  it("merged accepts keep no reasons, notes are trimmed of blank ones and joined a line each, at most 4000 characters", () => {
    const merged = mergeAgreeingVotes([
      v("ann", "accepted", { reasons: ["other"], note: "fine" }),
      v("bob", "accepted", { note: "   " }),
      v("cat", "accepted", { note: "ok" }),
    ]);
    expect(merged).toEqual({ status: "accepted", reasons: [], note: "ann: fine\ncat: ok", edits: null, reviewer: "ann & bob & cat" });
    const long = mergeAgreeingVotes([v("ann", "rejected", { reasons: ["other"], note: "x".repeat(3000) }), v("bob", "rejected", { reasons: ["other"], note: "y".repeat(3000) })]);
    expect(long.note).toHaveLength(4000);
    expect(long.note.startsWith(`ann: ${"x".repeat(3000)}\nbob: y`)).toBe(true);
  });

  it("a slot is open until it has its votes, then agreed or in adjudication", () => {
    const a = v("ann", "accepted");
    expect(settleSlot([a], 2)).toEqual({ state: "open" });
    expect(settleSlot([a, v("bob", "accepted")], 2)).toEqual({
      state: "agreed",
      decision: { status: "accepted", reasons: [], note: "", edits: null, reviewer: "ann & bob" },
    });
    expect(settleSlot([a, v("bob", "rejected", { reasons: ["other"] })], 2)).toEqual({ state: "adjudication" });
    expect(settleSlot([a], 1)).toMatchObject({ state: "agreed" });
  });

  it("a round lists each reviewer once, and needs as many as its overlap", () => {
    const dup = roundCreateSchema.safeParse({ split: "val", overlap: 2, reviewers: ["a", "a", "b"] });
    expect(dup.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reviewers", "a reviewer may appear only once"]]);
    const few = roundCreateSchema.safeParse({ split: "val", overlap: 3, reviewers: ["a", "b"] });
    expect(few.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["overlap", "overlap 3 needs at least 3 reviewers in the pool"]]);
  });
});

describe("pace, more closely", () => {
  it("sorts the vote times, skips repeated times, and counts a gap of exactly 10 minutes", () => {
    // Sorted: 0, 60 s, 90 s → gaps 60 s and 30 s → 45 s.
    expect(medianGapMs([90_000, 0, 60_000])).toBe(45_000);
    expect(medianGapMs([0, 0, 0, 10_000])).toBe(10_000);
    expect(medianGapMs([0, 600_000])).toBe(600_000);
    expect(medianGapMs([0, 600_001])).toBeNull();
    // Gaps 60 s, 10 s, 30 s: the middle one of 10, 30, 60 s.
    expect(medianGapMs([0, 60_000, 70_000, 100_000])).toBe(30_000);
  });

  it("leaves reviewers without a positive pace out of the rate", () => {
    // One reviewer at 30 s a vote: 90 votes take 2,700,000 ms.
    expect(estimateTimeLeftMs([30_000, null], 90)).toBe(2_700_000);
    expect(estimateTimeLeftMs([0, 30_000], 90)).toBe(2_700_000);
    expect(estimateTimeLeftMs([-30_000, 30_000], 90)).toBe(2_700_000);
    expect(estimateTimeLeftMs([0], 90)).toBeNull();
  });
});
