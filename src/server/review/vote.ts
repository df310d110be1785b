import { analyzePairWithEdits, analyzeRecord, invalidTargetIndex } from "../../shared/analyze";
import { acceptBlockers, normalizeEdits, type Decision, type Edits, type FlagId, type Granularity } from "../../shared/domain";
import type { ImageRecord } from "../../shared/mmr";
import { withRleBudget } from "../../shared/rle";
import type { SlotState, Vote } from "../../shared/rounds";
import type { ReviewStore } from "../storage/store";
import { acceptRefusal } from "./decide";

/*
 * Votes and adjudications go through here, as decisions go through decide.ts: the edits are
 * checked against the pair's image, the checks re-run on the edited pair, an accept the MMR loader
 * would choke on is refused, and the store does the rest in one transaction.
 */

interface Analysed {
  edits: Edits | null;
  flags: FlagId[];
  granularity: Granularity;
  importedGranularity: Granularity;
  targets: number[];
}

type Analysis = { ok: true; value: Analysed } | { ok: false; kind: "not_found" } | { ok: false; kind: "invalid"; message: string };

async function analyse(store: ReviewStore, pairId: string, status: "accepted" | "rejected", rawEdits: Edits | null | undefined): Promise<Analysis> {
  const context = await store.getPairContext(pairId);
  if (!context) return { ok: false, kind: "not_found" };
  const edits = normalizeEdits(rawEdits);
  const record = JSON.parse(context.raw) as ImageRecord;
  const analysis = withRleBudget(() => analyzeRecord(record, { fileFlags: context.fileFlags }));
  const imported = analysis.pairs[context.index];
  if (!imported) return { ok: false, kind: "invalid", message: `pair ${context.index} does not exist in its record` };
  if (edits?.targets) {
    const bad = invalidTargetIndex(analysis, edits.targets);
    if (bad !== null) {
      const count = analysis.annotations.length;
      return { ok: false, kind: "invalid", message: `edits.targets: annotation ${bad} does not exist; this image has ${count} annotation${count === 1 ? "" : "s"}` };
    }
  }
  const edited = edits === null ? imported : analyzePairWithEdits(analysis, context.index, edits);
  if (status === "accepted") {
    const blocker = acceptBlockers(edited.flags)[0];
    if (blocker !== undefined) return { ok: false, kind: "invalid", message: acceptRefusal(blocker) };
  }
  return {
    ok: true,
    value: { edits, flags: edited.flags, granularity: edited.granularity, importedGranularity: imported.granularity, targets: edits?.targets ?? imported.targets },
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

export async function castVote(store: ReviewStore, request: VoteRequest, now: Date = new Date()): Promise<VoteOutcome> {
  const round = await store.rounds().get(request.roundId);
  if (!round) return { kind: "not_found" };
  const analysed = await analyse(store, request.pairId, request.status, request.edits);
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

export async function resolvePair(store: ReviewStore, input: ResolveInput, now: Date = new Date()): Promise<ResolveOutcome> {
  const round = await store.rounds().get(input.roundId);
  if (!round) return { kind: "not_found" };
  const analysed = await analyse(store, input.pairId, input.status, input.edits);
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
