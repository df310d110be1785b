import { z } from "zod";
import { pairFilterSchema } from "./api";
import {
  editsSchema,
  granularitySchema,
  normalizeEdits,
  reasonSchema,
  reviewerSchema,
  splitNameSchema,
  type Edits,
  type Reason,
} from "./domain";
import { seededSample } from "./sampling";

/*
 * Review rounds (issue 11): a lead hands the pairs of a queue filter to a pool of reviewers, each
 * pair decided independently by `needed` of them (the overlap k for an agreement share of the pairs,
 * 1 for the rest). Every reviewer's decision is a vote; agreeing votes make the final decision, the
 * others go to adjudication. This file holds the pure rules (vote agreement, the assignment plan,
 * pace) and the API shapes; agreement statistics are in ./agreement.ts.
 */

/** A vote as a reviewer casts it: a decision without version or reviewer (the server knows both). */
export const voteInputSchema = z
  .object({
    status: z.enum(["accepted", "rejected"]),
    reasons: z.array(reasonSchema).max(20).optional(),
    note: z.string().max(4000).optional(),
    edits: editsSchema.nullable().optional(),
    /** Solo mode only (no accounts): who votes. With accounts the session decides. */
    reviewer: reviewerSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.status === "rejected" && (input.reasons ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["reasons"], message: "a reject needs at least one reason" });
    }
  });
export type VoteInput = z.infer<typeof voteInputSchema>;

/** A stored vote, with the pair's state after its edits (for agreement by granularity and targets). */
export const voteSchema = z.object({
  reviewer: z.string(),
  status: z.enum(["accepted", "rejected"]),
  reasons: z.array(z.string()),
  note: z.string(),
  edits: editsSchema.nullable(),
  /** The pair's target list after the vote's edits (the imported one without edits). */
  targets: z.array(z.number().int()),
  /** Granularity of the pair as imported (agreement is reported per imported granularity). */
  granularity: granularitySchema,
  at: z.string(),
  /** 1 for a first vote, +1 for each change of it. */
  version: z.number().int().positive(),
});
export type Vote = z.infer<typeof voteSchema>;

/** Where a pair of a round stands. */
export const slotStates = ["open", "agreed", "adjudication", "resolved"] as const;
export type SlotState = (typeof slotStates)[number];

/**
 * Votes agree when they have the same status and, for accepts, the same edits (question, answer and
 * target list); reasons and notes may differ.
 */
export function votesAgree(a: Pick<Vote, "status" | "edits">, b: Pick<Vote, "status" | "edits">): boolean {
  if (a.status !== b.status) return false;
  if (a.status === "rejected") return true;
  return JSON.stringify(normalizeEdits(a.edits)) === JSON.stringify(normalizeEdits(b.edits));
}

/** Whether every vote agrees with the first (agreement is transitive: same status and edits). */
export function allAgree(votes: readonly Pick<Vote, "status" | "edits">[]): boolean {
  return votes.every((vote) => votesAgree(votes[0]!, vote));
}

/** The final decision agreeing votes make: their status and edits, every reason once, the notes joined. */
export function mergeAgreeingVotes(votes: readonly Vote[]): { status: "accepted" | "rejected"; reasons: Reason[]; note: string; edits: Edits | null; reviewer: string } {
  const first = votes[0]!;
  const reasons: Reason[] = [];
  for (const vote of votes) for (const reason of vote.reasons) if (!reasons.includes(reason)) reasons.push(reason);
  const notes = votes.filter((vote) => vote.note.trim() !== "").map((vote) => `${vote.reviewer}: ${vote.note}`);
  return {
    status: first.status,
    reasons: first.status === "rejected" ? reasons : [],
    note: notes.join("\n").slice(0, 4000),
    edits: normalizeEdits(first.edits),
    reviewer: votes.map((vote) => vote.reviewer).join(" & "),
  };
}

// ---------------------------------------------------------------------------------------------
// Assignment plan
// ---------------------------------------------------------------------------------------------

export interface PlanOptions {
  /** Votes each pair of the agreement share needs (k ≥ 1). */
  overlap: number;
  /** Fraction (0..1) of the pairs that get `overlap` votes; the rest get 1. */
  share: number;
  /** Any text: the same seed over the same pairs gives the same plan. */
  seed: string;
}

/**
 * How many votes each pair needs: round(share × N) pairs drawn with the seed get `overlap`, the
 * others 1. Returned in the order of `pairIds`. Deterministic: same ids, options and seed, same plan.
 */
export function planRound(pairIds: readonly string[], options: PlanOptions): number[] {
  const overlap = Math.max(1, Math.floor(options.overlap));
  const share = Math.min(1, Math.max(0, options.share));
  // Stryker disable next-line ConditionalExpression: equivalent, with overlap 1 the drawn pairs get 1 vote too
  if (overlap === 1) return pairIds.map(() => 1);
  const count = Math.round(share * pairIds.length);
  const indices = pairIds.map((_, i) => i);
  const chosen = new Set(seededSample(indices, count, options.seed));
  return indices.map((i) => (chosen.has(i) ? overlap : 1));
}

// ---------------------------------------------------------------------------------------------
// Pace and time left
// ---------------------------------------------------------------------------------------------

/** A gap longer than this between two votes of one reviewer is a break, not review time. */
export const BREAK_MS = 10 * 60_000;

/**
 * A reviewer's pace: the median gap between their consecutive votes (ms), ignoring breaks (gaps
 * over BREAK_MS); null with fewer than two votes or only breaks.
 */
export function medianGapMs(times: readonly number[]): number | null {
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: number[] = [];
  // Stryker disable next-line EqualityOperator: equivalent, one more turn reads undefined: the gap is NaN and is skipped
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap > 0 && gap <= BREAK_MS) gaps.push(gap);
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

/**
 * Time left for `remainingVotes` when the reviewers with a measured pace work in parallel: their
 * rates (votes per ms) add up. Null when no reviewer has a pace yet.
 */
export function estimateTimeLeftMs(paces: readonly (number | null)[], remainingVotes: number): number | null {
  if (remainingVotes <= 0) return 0;
  const rate = paces.reduce<number>((sum, pace) => (pace !== null && pace > 0 ? sum + 1 / pace : sum), 0);
  return rate > 0 ? remainingVotes / rate : null;
}

// ---------------------------------------------------------------------------------------------
// API shapes
// ---------------------------------------------------------------------------------------------

export const roundCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    split: splitNameSchema,
    /** The queue filter whose pairs the round covers (its split is `split`). */
    filter: pairFilterSchema.omit({ split: true, sort: true, model: true }).partial().default({}),
    overlap: z.number().int().min(1).max(10),
    share: z.number().min(0).max(1).default(1),
    reviewers: z.array(reviewerSchema).min(1).max(200),
    blind: z.boolean().default(true),
    seed: z.string().max(80).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const distinct = new Set(input.reviewers);
    if (distinct.size !== input.reviewers.length) ctx.addIssue({ code: "custom", path: ["reviewers"], message: "a reviewer may appear only once" });
    if (input.overlap > distinct.size) {
      ctx.addIssue({ code: "custom", path: ["overlap"], message: `overlap ${input.overlap} needs at least ${input.overlap} reviewers in the pool` });
    }
  });
export type RoundCreate = z.infer<typeof roundCreateSchema>;

export const roundSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  split: z.string(),
  filter: z.record(z.string(), z.unknown()),
  overlap: z.number().int(),
  share: z.number(),
  seed: z.string(),
  blind: z.boolean(),
  reviewers: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  closed: z.boolean(),
  pairs: z.number().int(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundPatchSchema = z.object({ blind: z.boolean().optional(), closed: z.boolean().optional() }).strict();

export const reviewerProgressSchema = z.object({
  reviewer: z.string(),
  votes: z.number().int(),
  /** Median gap between consecutive votes (ms), breaks excluded; null before two votes. */
  paceMs: z.number().nullable(),
  lastVoteAt: z.string().nullable(),
});
export type ReviewerProgress = z.infer<typeof reviewerProgressSchema>;

export const roundProgressSchema = z.object({
  round: roundSchema,
  votesNeeded: z.number().int(),
  votesCast: z.number().int(),
  byState: z.record(z.enum(slotStates), z.number().int()),
  reviewers: z.array(reviewerProgressSchema),
  /** From the measured pace of the reviewers; null before any pace is known. */
  timeLeftMs: z.number().nullable(),
});
export type RoundProgress = z.infer<typeof roundProgressSchema>;

export const leaseSchema = z.object({
  roundId: z.number().int(),
  pairId: z.string(),
  expiresAt: z.string(),
});
export type Lease = z.infer<typeof leaseSchema>;

export const slotVotesSchema = z.object({
  roundId: z.number().int(),
  pairId: z.string(),
  state: z.enum(slotStates),
  needed: z.number().int(),
  /** Votes cast so far (also when their content is hidden). */
  count: z.number().int(),
  /** Null when the round is blind and the asker has not voted on this pair yet. */
  votes: z.array(voteSchema).nullable(),
});
export type SlotVotes = z.infer<typeof slotVotesSchema>;

/**
 * Where a pair stands after a vote: open until it has `needed` votes, then agreed (with the final
 * decision the votes make) or in adjudication.
 */
export function settleSlot(votes: readonly Vote[], needed: number): { state: "open" } | { state: "agreed"; decision: ReturnType<typeof mergeAgreeingVotes> } | { state: "adjudication" } {
  if (votes.length < needed) return { state: "open" };
  return allAgree(votes) ? { state: "agreed", decision: mergeAgreeingVotes(votes) } : { state: "adjudication" };
}
