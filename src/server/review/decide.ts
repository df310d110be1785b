import type { DecisionResponse } from "../../shared/api";
import { normalizeEdits, type Decision, type DecisionInput, type FlagId, type Granularity } from "../../shared/domain";
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
  | { kind: "key_reused" };

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

export async function decide(deps: DecideDeps, request: DecideRequest): Promise<DecideOutcome> {
  const { store } = deps;
  const context = store.getPairContext(request.id);
  if (!context) return { kind: "not_found" };

  const edits = normalizeEdits(request.input.edits);
  let analysis: { flags: FlagId[]; granularity: Granularity };
  if (edits === null && context.imported) {
    // The common case (accept/reject as imported): no need to parse a possibly large raw record.
    analysis = context.imported;
  } else {
    const result = deps.reanalyzer
      ? await deps.reanalyzer.run(context.raw, context.index, edits, context.fileFlags)
      : reanalyzePair(context.raw, context.index, edits, context.fileFlags);
    if (!result.ok) return { kind: "invalid", message: result.message };
    analysis = result;
  }

  if (request.input.status === "accepted" && analysis.flags.includes("braces")) {
    // The MMR loader calls text_answer.format(seg=...), which raises on any other brace: an accepted
    // pair like this would crash training, so it must be edited first (or rejected).
    return {
      kind: "invalid",
      message: "the answer has a { or } outside a {seg} placeholder, which would crash the MMR loader; edit the answer or reject the pair",
    };
  }

  const write: SaveDecisionRequest = {
    id: request.id,
    input: { ...request.input, edits },
    flags: analysis.flags,
    granularity: analysis.granularity,
    now: (deps.now ?? (() => new Date().toISOString()))(),
    ...(request.idempotencyKey !== undefined ? { idempotencyKey: request.idempotencyKey } : {}),
  };
  const result = deps.committer ? await deps.committer.save(write) : store.saveDecision(write);
  switch (result.kind) {
    case "not_found":
      return { kind: "not_found" };
    case "conflict":
      return { kind: "conflict", current: result.current };
    case "key_reused":
      return { kind: "key_reused" };
    case "saved":
      return {
        kind: "saved",
        replayed: result.replayed,
        split: context.split,
        response: { decision: result.decision, flags: [...analysis.flags], granularity: analysis.granularity },
      };
  }
}
