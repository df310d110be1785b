import { analyzeRecord } from "../../../shared/analyze";
import type { ImageRecord } from "../../../shared/mmr";
import { normaliseQuestion } from "../../../shared/checks";
import type { AnnotationView, PairDetail, PairFilter } from "../../../shared/api";
import type { Decision, FlagId, Granularity, HistoryEntry } from "../../../shared/domain";
import { annotationViews as storedAnnotationViews } from "../annotationViews";
import type { PairContext, StoredPairDetail } from "../store";
import { decodeAnnotations } from "./annotationCodec";
import { maskToFlags } from "./flags";
import { neighbours } from "./pairList";
import { decodeRaw } from "./rawCodec";
import { decisionFromRow, historyFromRow } from "./rows";
import type { DecisionRow, HistoryRow, PairRow } from "./rows";
import type { StatementCache } from "./statementCache";
import { settle } from "./errors";

/* Everything the review screen shows about one pair, and what the review service needs to edit it. */

interface ImageRow {
  pk: number;
  file_name: string;
  width: number;
  height: number;
  file_flags: number;
  raw: Buffer;
  annotations: string;
}

export function pairRow(statements: StatementCache, id: string): PairRow | undefined {
  return statements.get("SELECT * FROM pairs WHERE id = ?").get(id) as PairRow | undefined;
}

export function currentDecision(statements: StatementCache, id: string): Decision | null {
  const row = statements.get("SELECT * FROM decisions WHERE pair_id = ?").get(id) as DecisionRow | undefined;
  return row ? decisionFromRow(row) : null;
}

/** Every change of the pair's decision, oldest first. */
export function historyRows(statements: StatementCache, id: string): HistoryEntry[] {
  const rows = statements.get("SELECT version, reviewer, at, before, after FROM history WHERE pair_id = ? ORDER BY version").all(id) as HistoryRow[];
  return rows.map(historyFromRow);
}

function imageRow(statements: StatementCache, pk: number): ImageRow {
  const row = statements.get("SELECT pk, file_name, width, height, file_flags, raw, annotations FROM images WHERE pk = ?").get(pk) as ImageRow | undefined;
  if (!row) throw new Error(`store is inconsistent: image ${pk} of a pair is missing`);
  return row;
}

/** The image's annotations (see ../annotationViews.ts). */
export function annotationViews(image: Pick<ImageRow, "raw" | "annotations">): AnnotationView[] {
  return storedAnnotationViews(decodeAnnotations(image.annotations), () => decodeRaw(image.raw));
}

const COPY_FLAGS: readonly FlagId[] = ["target_copy", "mask_form", "bad_rle"];

/**
 * For a pair whose target copies matter (flagged `target_copy`, `mask_form` or `bad_rle`): which
 * annotation each copy names, each mask's form and problem, and the forms of the pair's own copies.
 * Read from the record only then, so the common pair costs no parse.
 */
function copyFacts(image: ImageRow, index: number, annotations: AnnotationView[], flags: readonly FlagId[]): { annotations: AnnotationView[]; copyForms?: PairDetail["copyForms"] } {
  if (!flags.some((f) => COPY_FLAGS.includes(f))) return { annotations };
  const analysis = analyzeRecord(JSON.parse(decodeRaw(image.raw)) as ImageRecord, { fileFlags: [] });
  const withCopies = annotations.map((a) => {
    const info = analysis.annotations[a.index];
    return info ? { ...a, copyOf: info.copyOf, form: info.form, problem: info.problem, generatorName: info.generatorName } : a;
  });
  const copyForms = analysis.pairs[index]?.copyForms;
  return { annotations: withCopies, ...(copyForms ? { copyForms } : {}) };
}

/** The earliest pair of the same image, before this one, whose question reads the same. */
function duplicateOf(statements: StatementCache, pair: PairRow, question: string): string | null {
  const key = normaliseQuestion(question);
  const rows = statements
    .get("SELECT id, coalesce(edited_question, question) AS q FROM pairs WHERE image_pk = ? AND idx < ? ORDER BY idx")
    .all(pair.image_pk, pair.idx) as { id: string; q: string }[];
  return rows.find((row) => normaliseQuestion(row.q) === key)?.id ?? null;
}

/** The pair as stored: raw answer as imported and no image URL (the review service adds both; see review/pairView.ts). */
export function getPair(statements: StatementCache, id: string, filter: PairFilter): StoredPairDetail | null {
  const pair = pairRow(statements, id);
  if (!pair) return null;
  const image = imageRow(statements, pair.image_pk);
  const flags = maskToFlags(pair.flags);
  const copies = copyFacts(image, pair.idx, annotationViews(image), [...flags, ...maskToFlags(pair.imported_flags)]);
  const annotations = copies.annotations;
  const decision = currentDecision(statements, id);
  const history = historyRows(statements, id);
  const pairIds = statements.get("SELECT id FROM pairs WHERE image_pk = ? ORDER BY idx").pluck().all(pair.image_pk) as string[];

  const originalTargets = JSON.parse(pair.orig_targets) as number[];
  const targets = JSON.parse(pair.targets) as number[];
  const question = pair.edited_question ?? pair.question;
  const textAnswer = pair.edited_answer ?? pair.text_answer;

  return {
    id: pair.id,
    split: pair.split,
    imageId: pair.image_id,
    index: pair.idx,
    image: {
      fileName: image.file_name,
      width: image.width,
      height: image.height,
      pairIds,
    },
    question,
    textAnswer,
    rawAnswer: pair.raw_answer,
    original: { question: pair.question, textAnswer: pair.text_answer, targets: originalTargets },
    targets,
    ...(copies.copyForms ? { copyForms: copies.copyForms } : {}),
    annotations,
    granularity: pair.granularity as Granularity,
    flags,
    decision,
    history,
    ...neighbours(statements, filter, { flagOrder: pair.flag_order, split: pair.split, seq: pair.seq }),
    duplicateOf: flags.includes("duplicate") ? duplicateOf(statements, pair, question) : null,
  };
}

export function getPairContext(statements: StatementCache, id: string): PairContext | null {
  const pair = pairRow(statements, id);
  if (!pair) return null;
  const image = imageRow(statements, pair.image_pk);
  let raw: string | undefined;
  let decision: Decision | null | undefined;
  return {
    id: pair.id,
    split: pair.split,
    imageId: pair.image_id,
    index: pair.idx,
    // Decoded on first call only, and once: a decision without edits never needs the record (saves
    // a brotli decompression per write).
    record: () => settle(() => (raw ??= decodeRaw(image.raw))),
    fileFlags: maskToFlags(image.file_flags),
    // The decision write reads the current decision itself inside its transaction, so the review
    // path never needs this one: queried only when asked for.
    get decision() {
      if (decision === undefined) decision = currentDecision(statements, id);
      return decision;
    },
    activeRound: activeRoundOf(statements, id),
    imported: { flags: maskToFlags(pair.imported_flags), granularity: pair.imported_granularity as Granularity, targets: JSON.parse(pair.orig_targets) as number[] },
  };
}

/** The open review round whose unfinished slot holds the pair, or null. */
export function activeRoundOf(statements: StatementCache, pairId: string): number | null {
  const id = statements
    .get(
      `SELECT s.round_id FROM round_slots s JOIN rounds r ON r.id = s.round_id
       WHERE s.pair_id = ? AND r.closed = 0 AND s.state IN ('open', 'adjudication') ORDER BY s.round_id LIMIT 1`,
    )
    .pluck()
    .get(pairId) as number | undefined;
  return id ?? null;
}
