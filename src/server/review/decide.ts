import type { DecisionResponse } from "../../shared/api";
import type { loaderBreakingFlags } from "../../shared/domain";
import { acceptBlockers, normalizeEdits, type Decision, type DecisionInput, type FlagId, type Granularity } from "../../shared/domain";
import type { ReviewStore, SaveDecisionRequest } from "../storage/store";
import type { DecisionCommitter } from "./groupCommit";
import { reanalyzePair } from "./reanalyze";
import type { Reanalyzer } from "./reanalyzer";

/*
 * The one place a decision is validated and written: edits are checked against the pair's image,
 * the automatic checks are re-run on the edited pair, and the store does the compare-and-set.
 * HTTP handlers only translate the outcome into a status.
 */

export type DecideOutcome =
  | { kind: "saved"; response: DecisionResponse; replayed: boolean; split: string }
  | { kind: "conflict"; current: Decision | null }
  | { kind: "not_found" }
  | { kind: "invalid"; message: string }
  | { kind: "key_reused" }
  /** The pair is in an open review round: its votes (or its adjudication) decide it, not a direct decision. */
  | { kind: "in_round"; roundId: number };

export interface DecideRequest {
  id: string;
  input: DecisionInput;
  idempotencyKey?: string;
}

export interface DecideDeps {
  store: ReviewStore;
  /** Where the write goes; defaults to one transaction per decision (`store.saveDecision`). */
  committer?: DecisionCommitter;
  now?: () => string;
  /** Where edited pairs are re-analysed; defaults to this thread (the HTTP layer passes a worker). */
  reanalyzer?: Reanalyzer;
}

/** Why an accept is refused and how to fix it, for each loader-breaking flag. */
const refusals: Record<(typeof loaderBreakingFlags)[number], string> = {
  seg_count: "the number of {seg} placeholders differs from the number of targets, so the MMR loader would drop the pair; edit the answer or the targets until they match, or reject the pair",
  braces: "the answer has a { or } outside a {seg} placeholder, which would crash the MMR loader; edit the answer or reject the pair",
  no_targets: "the pair has no target, so the MMR loader has no mask to train on; add a target in edit mode or reject the pair",
  empty_mask: "a target's mask has no pixels; pick another target in edit mode or reject the pair",
  bad_rle: "a target's mask does not decode (its counts do not cover the image, its string is broken, or its size is not the image's); pick the annotation again in edit mode or reject the pair",
  seg_token: "the answer contains a literal [SEG], which adds a mask token no target fills; remove it in edit mode or reject the pair",
  empty_answer: "the text answer is empty, which makes the MMR training loader raise; write the answer in edit mode or reject the pair",
  misaligned: "the record's questions, answers, text_answers and raw_answers have different lengths, so the MMR loader pairs them wrongly; fix the file and re-import it, or reject the pair",
};

export function acceptRefusal(flag: FlagId): string {
  const why = (refusals as Partial<Record<FlagId, string>>)[flag] ?? "the MMR loader would fail on this pair; edit it or reject it";
  return `cannot accept: ${flag}: ${why}`;
}

export async function decide(deps: DecideDeps, request: DecideRequest): Promise<DecideOutcome> {
  const { store } = deps;
  const context = await store.getPairContext(request.id);
  if (!context) return { kind: "not_found" };
  if (context.activeRound !== null) return { kind: "in_round", roundId: context.activeRound };

  const edits = normalizeEdits(request.input.edits);
  let analysis: { flags: FlagId[]; granularity: Granularity };
  if (edits === null && context.imported) {
    // The common case (accept/reject as imported): no need to parse a possibly large raw record.
    analysis = context.imported;
  } else {
    const raw = await context.record();
    const result = deps.reanalyzer ? await deps.reanalyzer.run(raw, context.index, edits, context.fileFlags) : reanalyzePair(raw, context.index, edits, context.fileFlags);
    if (!result.ok) return { kind: "invalid", message: result.message };
    analysis = result;
  }

  if (request.input.status === "accepted") {
    // An accepted pair the official MMR loader drops, crashes on or mis-trains (LOADER.md) would
    // poison the cleaned split: it must be edited first (or rejected).
    const blocker = acceptBlockers(analysis.flags)[0];
    if (blocker !== undefined) return { kind: "invalid", message: acceptRefusal(blocker) };
  }

  const write: SaveDecisionRequest = {
    id: request.id,
    input: { ...request.input, edits },
    flags: analysis.flags,
    granularity: analysis.granularity,
    now: (deps.now ?? (() => new Date().toISOString()))(),
    ...(request.idempotencyKey !== undefined ? { idempotencyKey: request.idempotencyKey } : {}),
  };
  const result = deps.committer ? await deps.committer.save(write) : await store.saveDecision(write);
  switch (result.kind) {
    case "not_found":
      return { kind: "not_found" };
    case "conflict":
      return { kind: "conflict", current: result.current };
    case "key_reused":
      return { kind: "key_reused" };
    case "in_round":
      return { kind: "in_round", roundId: result.roundId };
    case "saved":
      return {
        kind: "saved",
        replayed: result.replayed,
        split: context.split,
        response: { decision: result.decision, flags: [...analysis.flags], granularity: analysis.granularity },
      };
  }
}
