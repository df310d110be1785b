import { z } from "zod";
import { granularities, type Granularity } from "./domain";
import { votesAgree, type Vote } from "./rounds";

/*
 * Inter-reviewer agreement over the votes of a round (issue 11), on accept/reject:
 *
 * - Cohen's kappa for each pair of reviewers, over the pairs both voted on:
 *   κ = (p_o − p_e) / (1 − p_e), p_o the share of pairs with the same status, p_e = Σ_c p_A(c)·p_B(c)
 *   with p_X(c) the share of X's votes (on those pairs) that are c.
 * - Fleiss' kappa for the round, over the pairs with at least two votes (n_i votes on pair i, n_ic
 *   of them c): P_i = (Σ_c n_ic² − n_i) / (n_i(n_i − 1)), P̄ the mean of P_i, p_c = Σ_i n_ic / Σ_i n_i,
 *   P̄_e = Σ_c p_c², κ = (P̄ − P̄_e) / (1 − P̄_e). With the same n for every pair this is Fleiss (1971);
 *   pairs with different vote counts (an agreement share) weigh each pair equally.
 * - Reasons: over every two votes of one pair that both reject, the mean Jaccard index of their reason
 *   sets and the share with identical sets.
 * - Targets: over every two votes of one pair that both accept, the mean Jaccard index of their target
 *   sets (after edits) and the share with the same target list.
 * Kappa is null when it is undefined (p_e = 1: every vote had the same status); a pair of reviewers
 * with no pair in common is not listed.
 */

export interface PairVotes {
  pairId: string;
  votes: readonly Vote[];
}

export const kappaSchema = z.object({
  n: z.number().int(),
  observed: z.number().nullable(),
  expected: z.number().nullable(),
  kappa: z.number().nullable(),
});
export type Kappa = z.infer<typeof kappaSchema>;

export const reviewerPairAgreementSchema = z.object({
  a: z.string(),
  b: z.string(),
  all: kappaSchema,
  byGranularity: z.record(z.string(), kappaSchema),
  /** Pairs where the two voted differently (vote rule: status, and edits for accepts). */
  disagreeing: z.array(z.string()),
});
export type ReviewerPairAgreement = z.infer<typeof reviewerPairAgreementSchema>;

export const setAgreementSchema = z.object({
  /** Number of two-vote comparisons. */
  comparisons: z.number().int(),
  meanJaccard: z.number().nullable(),
  identical: z.number().nullable(),
});

export const agreementReportSchema = z.object({
  /** Pairs with at least two votes. */
  pairs: z.number().int(),
  fleiss: kappaSchema,
  fleissByGranularity: z.record(z.string(), kappaSchema),
  reviewerPairs: z.array(reviewerPairAgreementSchema),
  reasons: setAgreementSchema,
  targets: setAgreementSchema,
  /** Pairs whose votes do not all agree (the vote rule), in input order. */
  disagreeing: z.array(z.string()),
});
export type AgreementReport = z.infer<typeof agreementReportSchema>;

const labels = ["accepted", "rejected"] as const;

function kappaOf(observed: number, expected: number, n: number): Kappa {
  if (n === 0) return { n, observed: null, expected: null, kappa: null };
  return { n, observed, expected, kappa: expected >= 1 ? null : (observed - expected) / (1 - expected) };
}

/** Cohen's kappa of two raters' labels on the same items (aligned arrays). */
export function cohenKappa(a: readonly string[], b: readonly string[]): Kappa {
  const n = Math.min(a.length, b.length);
  // Stryker disable next-line ConditionalExpression: equivalent, with n = 0 kappaOf(NaN, 0, 0) gives the same empty kappa
  if (n === 0) return kappaOf(0, 0, 0);
  let same = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) same++;
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
    countB.set(b[i]!, (countB.get(b[i]!) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, na] of countA) expected += (na / n) * ((countB.get(label) ?? 0) / n);
  return kappaOf(same / n, expected, n);
}

/** Fleiss' kappa from per-item label counts (items with fewer than two ratings are skipped). */
export function fleissKappa(items: readonly Record<string, number>[]): Kappa {
  let sumP = 0;
  let used = 0;
  let totalRatings = 0;
  const perLabel = new Map<string, number>();
  for (const counts of items) {
    const values = Object.values(counts);
    const n = values.reduce((s, v) => s + v, 0);
    if (n < 2) continue;
    used++;
    // Stryker disable next-line AssignmentOperator: equivalent, only (v / totalRatings)² is read, and the sign drops out
    totalRatings += n;
    sumP += (values.reduce((s, v) => s + v * v, 0) - n) / (n * (n - 1));
    // Stryker disable next-line ArithmeticOperator: equivalent, only (v / totalRatings)² is read, and the sign drops out
    for (const [label, v] of Object.entries(counts)) perLabel.set(label, (perLabel.get(label) ?? 0) + v);
  }
  // Stryker disable next-line ConditionalExpression: equivalent, with used = 0 kappaOf(NaN, 0, 0) gives the same empty kappa
  if (used === 0) return kappaOf(0, 0, 0);
  let expected = 0;
  for (const v of perLabel.values()) expected += (v / totalRatings) ** 2;
  return kappaOf(sumP / used, expected, used);
}

/** |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
export function jaccard<T>(a: Iterable<T>, b: Iterable<T>): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 && setB.size === 0) return 1;
  let both = 0;
  for (const x of setA) if (setB.has(x)) both++;
  return both / (setA.size + setB.size - both);
}

function setStats(values: { jaccard: number; identical: boolean }[]) {
  if (values.length === 0) return { comparisons: 0, meanJaccard: null, identical: null };
  return {
    comparisons: values.length,
    meanJaccard: values.reduce((s, v) => s + v.jaccard, 0) / values.length,
    identical: values.filter((v) => v.identical).length / values.length,
  };
}

/** Everything above for one round's votes. */
export function agreementReport(pairs: readonly PairVotes[]): AgreementReport {
  const multi = pairs.filter((p) => p.votes.length >= 2);
  const counts = (votes: readonly Vote[]) => Object.fromEntries(labels.map((l) => [l, votes.filter((v) => v.status === l).length]));
  const fleiss = fleissKappa(multi.map((p) => counts(p.votes)));
  const fleissByGranularity: Record<string, Kappa> = {};
  for (const g of granularities) {
    const of = multi.filter((p) => p.votes[0]!.granularity === g);
    if (of.length > 0) fleissByGranularity[g] = fleissKappa(of.map((p) => counts(p.votes)));
  }

  // Reviewer pairs, names in byte order so (a, b) is stable.
  const byPair = new Map<string, { a: string; b: string; items: { pairId: string; va: Vote; vb: Vote }[] }>();
  const reasons: { jaccard: number; identical: boolean }[] = [];
  const targets: { jaccard: number; identical: boolean }[] = [];
  for (const pair of multi) {
    const votes = [...pair.votes].sort((x, y) => (x.reviewer < y.reviewer ? -1 : x.reviewer > y.reviewer ? 1 : 0));
    for (let i = 0; i < votes.length; i++) {
      for (let j = i + 1; j < votes.length; j++) {
        const va = votes[i]!;
        const vb = votes[j]!;
        const key = JSON.stringify([va.reviewer, vb.reviewer]);
        let entry = byPair.get(key);
        if (!entry) byPair.set(key, (entry = { a: va.reviewer, b: vb.reviewer, items: [] }));
        entry.items.push({ pairId: pair.pairId, va, vb });
        if (va.status === "rejected" && vb.status === "rejected") {
          reasons.push({ jaccard: jaccard(va.reasons, vb.reasons), identical: sameSet(va.reasons, vb.reasons) });
        }
        if (va.status === "accepted" && vb.status === "accepted") {
          targets.push({ jaccard: jaccard(va.targets, vb.targets), identical: JSON.stringify(va.targets) === JSON.stringify(vb.targets) });
        }
      }
    }
  }
  const reviewerPairs: ReviewerPairAgreement[] = [...byPair.values()]
    .sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1))
    .map(({ a, b, items }) => {
      const byGranularity: Record<string, Kappa> = {};
      for (const g of granularities) {
        const of = items.filter((item) => item.va.granularity === g);
        if (of.length > 0) byGranularity[g as Granularity] = cohenKappa(of.map((i) => i.va.status), of.map((i) => i.vb.status));
      }
      return {
        a,
        b,
        all: cohenKappa(items.map((i) => i.va.status), items.map((i) => i.vb.status)),
        byGranularity,
        disagreeing: items.filter((i) => !votesAgree(i.va, i.vb)).map((i) => i.pairId),
      };
    });
  return {
    pairs: multi.length,
    fleiss,
    fleissByGranularity,
    reviewerPairs,
    reasons: setStats(reasons),
    targets: setStats(targets),
    disagreeing: multi.filter((p) => !p.votes.every((v) => votesAgree(p.votes[0]!, v))).map((p) => p.pairId),
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const setA = new Set(a);
  const setB = new Set(b);
  return setA.size === setB.size && [...setA].every((x) => setB.has(x));
}
