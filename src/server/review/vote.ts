import { acceptBlockers, normalizeEdits, type Decision, type Edits, type FlagId, type Granularity } from "../../shared/domain";
import type { SlotState, Vote } from "../../shared/rounds";
import type { ReviewStore } from "../storage/store";
import { acceptRefusal } from "./decide";
import { sharedReanalyzer, type Reanalyzer } from "./reanalyzer";

/*
 * Votes and adjudications go through here, as decisions go through decide.ts: the edits are
 * checked against the pair's image, the checks re-run on the edited pair (in the reanalysis worker,
 * off the event loop, as for decisions: a large record takes up to the analysis budget), an accept
 * the MMR loader would choke on is refused, and the store does the rest in one transaction.
 */

interface Analysed {
  edits: Edits | null;
  flags: FlagId[];
  granularity: Granularity;
  importedGranularity: Granularity;
  targets: number[];
}

type Analysis = { ok: true; value: Analysed } | { ok: false; kind: "not_found" } | { ok: false; kind: "invalid"; message: string };

async function analyse(store: ReviewStore, reanalyzer: Reanalyzer, pairId: string, status: "accepted" | "rejected", rawEdits: Edits | null | undefined): Promise<Analysis> {
  const context = await store.getPairContext(pairId);
  if (!context) return { ok: false, kind: "not_found" };
  const edits = normalizeEdits(rawEdits);
  // A vote as imported (no edits) reuses the import's analysis, as decide.ts does: no record to parse.
  const imported = context.imported;
  const result =
    edits === null && imported?.targets
      ? { ok: true as const, flags: imported.flags, granularity: imported.granularity, importedGranularity: imported.granularity, targets: imported.targets }
      : await reanalyzer.run(await context.record(), context.index, edits, context.fileFlags);
  if (!result.ok) return { ok: false, kind: "invalid", message: result.message };
  if (status === "accepted") {
    const blocker = acceptBlockers(result.flags)[0];
    if (blocker !== undefined) return { ok: false, kind: "invalid", message: acceptRefusal(blocker) };
  }
  return {
    ok: true,
    value: { edits, flags: result.flags, granularity: result.granularity, importedGranularity: result.importedGranularity, targets: result.targets },
  };
}

export interface VoteRequest {
  roundId: number;
  pairId: string;
  reviewer: string;
  status: "accepted" | "rejected";
  reasons?: string[];
  note?: string;
  edits?: Edits | null;
}

export type VoteOutcome =
  | { kind: "voted"; vote: Vote; state: SlotState; decision: Decision | null; split: string }
  | { kind: "not_found" }
  | { kind: "invalid"; message: string }
  | { kind: "not_in_pool" }
  | { kind: "full" }
  | { kind: "closed" };

export async function castVote(store: ReviewStore, request: VoteRequest, now: Date = new Date(), reanalyzer: Reanalyzer = sharedReanalyzer()): Promise<VoteOutcome> {
  const round = await store.rounds().get(request.roundId);
  if (!round) return { kind: "not_found" };
  const analysed = await analyse(store, reanalyzer, request.pairId, request.status, request.edits);
  if (!analysed.ok) return analysed.kind === "invalid" ? { kind: "invalid", message: analysed.message } : { kind: "not_found" };
  const a = analysed.value;
  const result = await store.rounds().vote({
    roundId: request.roundId,
    pairId: request.pairId,
    reviewer: request.reviewer,
    status: request.status,
    reasons: request.status === "rejected" ? [...(request.reasons ?? [])] : [],
    note: request.note ?? "",
    edits: a.edits,
    targets: a.targets,
    flags: a.flags,
    granularity: a.granularity,
    importedGranularity: a.importedGranularity,
    now: now.toISOString(),
    nowMs: now.getTime(),
  });
  return result.kind === "voted" ? { ...result, split: round.split } : result;
}

export interface ResolveInput {
  roundId: number;
  pairId: string;
  lead: string;
  status: "accepted" | "rejected";
  reasons?: string[];
  note?: string;
  edits?: Edits | null;
}

export type ResolveOutcome =
  | { kind: "resolved"; decision: Decision; split: string }
  | { kind: "not_found" }
  | { kind: "invalid"; message: string }
  | { kind: "not_in_adjudication"; state: SlotState };

export async function resolvePair(store: ReviewStore, input: ResolveInput, now: Date = new Date(), reanalyzer: Reanalyzer = sharedReanalyzer()): Promise<ResolveOutcome> {
  const round = await store.rounds().get(input.roundId);
  if (!round) return { kind: "not_found" };
  const analysed = await analyse(store, reanalyzer, input.pairId, input.status, input.edits);
  if (!analysed.ok) return analysed.kind === "invalid" ? { kind: "invalid", message: analysed.message } : { kind: "not_found" };
  const result = await store.rounds().resolve({
    roundId: input.roundId,
    pairId: input.pairId,
    lead: input.lead,
    input: { status: input.status, reasons: input.status === "rejected" ? [...(input.reasons ?? [])] : [], note: input.note ?? "", edits: analysed.value.edits },
    flags: analysed.value.flags,
    granularity: analysed.value.granularity,
    now: now.toISOString(),
  });
  return result.kind === "resolved" ? { ...result, split: round.split } : result;
}
