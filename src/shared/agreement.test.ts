import { describe, expect, it } from "vitest";
import { agreementReport, cohenKappa, fleissKappa, jaccard } from "./agreement";
import type { Vote } from "./rounds";

/*
 * A scripted round, every expected figure worked out by hand from the formulas in agreement.ts.
 *
 *   pair  gran    ann                 bob                      cat
 *   p1    object  A [0]               A [0]                    A [0]
 *   p2    object  A [0]               A [0,1] (edited)         -
 *   p3    object  A [0]               R wrong_target           R wrong_target,bad_mask
 *   p4    part    R ambiguous         R ambiguous              -
 *   p5    part    R language          A [0]                    R other
 *   p6    part    A [0,1]             A [1,2] (edited)         -
 */

function vote(reviewer: string, status: "accepted" | "rejected", granularity: "object" | "part", extra: Partial<Vote> = {}): Vote {
  return { reviewer, status, granularity, reasons: [], note: "", edits: null, targets: [0], at: "2026-01-01T00:00:00.000Z", version: 1, ...extra };
}
const A = (r: string, g: "object" | "part", extra: Partial<Vote> = {}) => vote(r, "accepted", g, extra);
const R = (r: string, g: "object" | "part", reasons: string[]) => vote(r, "rejected", g, { reasons, targets: [0] });

const round = [
  { pairId: "p1", votes: [A("ann", "object"), A("bob", "object"), A("cat", "object")] },
  { pairId: "p2", votes: [A("ann", "object"), A("bob", "object", { edits: { targets: [0, 1] }, targets: [0, 1] })] },
  { pairId: "p3", votes: [A("ann", "object"), R("bob", "object", ["wrong_target"]), R("cat", "object", ["wrong_target", "bad_mask"])] },
  { pairId: "p4", votes: [R("ann", "part", ["ambiguous"]), R("bob", "part", ["ambiguous"])] },
  { pairId: "p5", votes: [R("ann", "part", ["language"]), A("bob", "part"), R("cat", "part", ["other"])] },
  { pairId: "p6", votes: [A("ann", "part", { targets: [0, 1] }), A("bob", "part", { edits: { targets: [1, 2] }, targets: [1, 2] })] },
  // One vote only (the rest of an agreement share): counts for nothing.
  { pairId: "p7", votes: [R("ann", "object", ["other"])] },
];

describe("Cohen's kappa", () => {
  it("ann and bob over p1..p6: p_o = 4/6, p_e = (4/6)² + (2/6)² = 5/9, κ = (2/3 − 5/9)/(4/9) = 1/4", () => {
    const k = cohenKappa(["A", "A", "A", "R", "R", "A"], ["A", "A", "R", "R", "A", "A"]);
    expect(k.n).toBe(6);
    expect(k.observed).toBeCloseTo(4 / 6, 12);
    expect(k.expected).toBeCloseTo(5 / 9, 12);
    expect(k.kappa).toBeCloseTo(1 / 4, 12);
  });

  it("is undefined (null) when both always give the same single label, and 1 for perfect agreement with both labels", () => {
    expect(cohenKappa(["A", "A"], ["A", "A"]).kappa).toBeNull();
    expect(cohenKappa(["A", "R"], ["A", "R"]).kappa).toBeCloseTo(1, 12);
    // Complete disagreement with balanced labels: p_o = 0, p_e = 1/2, κ = −1.
    expect(cohenKappa(["A", "R"], ["R", "A"]).kappa).toBeCloseTo(-1, 12);
  });
});

describe("Fleiss' kappa", () => {
  it("p1..p6: P̄ = (1+1+1/3+1+1/3+1)/6 = 7/9, p_A = 9/15, p_R = 6/15, P̄_e = 13/25, κ = 29/54", () => {
    const k = fleissKappa([{ A: 3 }, { A: 2 }, { A: 1, R: 2 }, { R: 2 }, { A: 1, R: 2 }, { A: 2 }, { R: 1 }]);
    expect(k.n).toBe(6);
    expect(k.observed).toBeCloseTo(7 / 9, 12);
    expect(k.expected).toBeCloseTo(13 / 25, 12);
    expect(k.kappa).toBeCloseTo(29 / 54, 12);
  });
});

describe("jaccard", () => {
  it("is |∩|/|∪|, 1 for two empty sets", () => {
    expect(jaccard([0, 1], [1, 2])).toBeCloseTo(1 / 3, 12);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard(["a"], ["b"])).toBe(0);
  });
});

describe("agreementReport on the scripted round", () => {
  // Built inside each test, not when the file is collected: a report built at collection time
  // runs the code outside any test, and mutation testing then counts its mutants as static.

  it("Fleiss overall and by granularity", () => {
    const report = agreementReport(round);
    expect(report.pairs).toBe(6);
    expect(report.fleiss.kappa).toBeCloseTo(29 / 54, 12);
    // object p1,p2,p3: P̄ = 7/9; A 6 of 8, R 2 of 8: P̄_e = 36/64 + 4/64 = 5/8; κ = (7/9 − 5/8)/(3/8) = 11/27.
    expect(report.fleissByGranularity.object?.kappa).toBeCloseTo(11 / 27, 12);
    // part p4,p5,p6: P̄ = 7/9; A 3 of 7, R 4 of 7: P̄_e = 25/49; κ = (7/9 − 25/49)/(24/49) = 59/108.
    expect(report.fleissByGranularity.part?.kappa).toBeCloseTo(59 / 108, 12);
    expect(report.fleissByGranularity.mixed).toBeUndefined();
  });

  it("Cohen per reviewer pair, overall and by granularity", () => {
    const report = agreementReport(round);
    const byNames = Object.fromEntries(report.reviewerPairs.map((p) => [`${p.a}-${p.b}`, p]));
    expect(Object.keys(byNames)).toEqual(["ann-bob", "ann-cat", "bob-cat"]);
    expect(byNames["ann-bob"]!.all.kappa).toBeCloseTo(1 / 4, 12);
    // object p1,p2,p3: ann AAA, bob AAR: p_o = 2/3, p_e = 1·2/3 + 0 = 2/3 → κ = 0.
    expect(byNames["ann-bob"]!.byGranularity.object?.kappa).toBeCloseTo(0, 12);
    // part p4,p5,p6: ann RRA, bob RAA: p_o = 2/3, p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9 → κ = 2/5.
    expect(byNames["ann-bob"]!.byGranularity.part?.kappa).toBeCloseTo(2 / 5, 12);
    // ann-cat p1,p3,p5: ann A A R, cat A R R: p_o = 2/3, p_e = 4/9 → 2/5; bob-cat: bob A R A, cat A R R, same.
    expect(byNames["ann-cat"]!.all.kappa).toBeCloseTo(2 / 5, 12);
    expect(byNames["bob-cat"]!.all.kappa).toBeCloseTo(2 / 5, 12);
    // Disagreeing by the vote rule: p2 and p6 accept both but with other edits.
    expect(byNames["ann-bob"]!.disagreeing).toEqual(["p2", "p3", "p5", "p6"]);
    expect(byNames["ann-cat"]!.disagreeing).toEqual(["p3"]);
    expect(byNames["bob-cat"]!.disagreeing).toEqual(["p5"]);
  });

  it("reasons: p3 bob-cat J = 1/2, p4 ann-bob J = 1, p5 ann-cat J = 0 → mean 1/2, identical 1/3", () => {
    const report = agreementReport(round);
    expect(report.reasons.comparisons).toBe(3);
    expect(report.reasons.meanJaccard).toBeCloseTo(1 / 2, 12);
    expect(report.reasons.identical).toBeCloseTo(1 / 3, 12);
  });

  it("targets: p1 three comparisons J = 1, p2 J = 1/2, p6 J = 1/3 → mean 23/30, identical 3/5", () => {
    const report = agreementReport(round);
    expect(report.targets.comparisons).toBe(5);
    expect(report.targets.meanJaccard).toBeCloseTo(23 / 30, 12);
    expect(report.targets.identical).toBeCloseTo(3 / 5, 12);
  });

  it("lists exactly the pairs whose votes disagree", () => {
    const report = agreementReport(round);
    expect(report.disagreeing).toEqual(["p2", "p3", "p5", "p6"]);
  });
});

describe("agreement edge cases", () => {
  const empty = { n: 0, observed: null, expected: null, kappa: null };

  it("gives no kappa without items, and compares only the items both rated", () => {
    expect(cohenKappa([], [])).toEqual(empty);
    expect(cohenKappa(["accepted"], [])).toEqual(empty);
    // Two items in common (the third has one rating): same twice, p_e = ½·½ + ½·½ = ½, κ = 1.
    expect(cohenKappa(["accepted", "rejected", "accepted"], ["accepted", "rejected"])).toEqual({ n: 2, observed: 1, expected: 0.5, kappa: 1 });
    expect(fleissKappa([])).toEqual(empty);
    expect(fleissKappa([{ accepted: 1, rejected: 0 }])).toEqual(empty);
  });

  it("takes Jaccard over sets: 1 for two empty ones, 0 when only one is empty", () => {
    expect(jaccard([], [])).toBe(1);
    expect(jaccard([], ["a"])).toBe(0);
    expect(jaccard(["a"], [])).toBe(0);
    expect(jaccard(["a", "b", "a"], ["b", "c"])).toBeCloseTo(1 / 3, 12);
  });

  it("reports a round without comparisons, and reviewer pairs in name order whatever the vote order", () => {
    const none = agreementReport([]);
    expect(none.pairs).toBe(0);
    expect(none.reasons).toEqual({ comparisons: 0, meanJaccard: null, identical: null });
    expect(none.targets).toEqual({ comparisons: 0, meanJaccard: null, identical: null });
    expect(none.reviewerPairs).toEqual([]);
    const report = agreementReport([
      { pairId: "q1", votes: [A("cat", "object"), A("bob", "object"), A("ann", "object")] },
      { pairId: "q2", votes: [A("cat", "object"), R("ann", "object", ["other"])] },
    ]);
    expect(report.reviewerPairs.map((p) => `${p.a}+${p.b}`)).toEqual(["ann+bob", "ann+cat", "bob+cat"]);
    expect(report.reviewerPairs.find((p) => p.a === "ann" && p.b === "cat")!.disagreeing).toEqual(["q2"]);
    // Pairs first met out of name order (cat+dan, then bob+cat, then ann+dan) are listed in name order.
    const later = agreementReport([
      { pairId: "r1", votes: [A("dan", "object"), A("cat", "object")] },
      { pairId: "r2", votes: [A("cat", "object"), A("bob", "object")] },
      { pairId: "r3", votes: [A("dan", "object"), A("ann", "object")] },
      { pairId: "r4", votes: [A("bob", "object"), A("bob", "object")] },
    ]);
    expect(later.reviewerPairs.map((p) => `${p.a}+${p.b}`)).toEqual(["ann+dan", "bob+bob", "bob+cat", "cat+dan"]);
  });
});
