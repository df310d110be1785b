import type pg from "pg";
import { analyzeRecord } from "../../../shared/analyze";
import { normaliseQuestion } from "../../../shared/checks";
import type { AnnotationView, PairDetail, PairFilter } from "../../../shared/api";
import type { FlagId, Granularity } from "../../../shared/domain";
import type { ImageRecord } from "../../../shared/mmr";
import type { PairContext, StoredPairDetail } from "../store";
import { maskToFlags } from "../sqlite/flags";
import { decisionFromRow, historyFromRow, type DecisionRow, type HistoryRow } from "../sqlite/rows";
import { annotationViews, storedJson } from "../annotationViews";
import { storedAnnotation, type AnnotationRow } from "./annotationRows";
import { NotFoundError } from "../errors";
import { typed } from "./errors";
import { neighbourSubqueries, neighbours, Params } from "./pairList";
import { activeRoundSql } from "./decisionWrite";
import { prepared } from "./prepared";

/*
 * One pair on PostgreSQL, as ../sqlite/pairDetail.ts builds it: the pair, its image, annotations,
 * decision, history, the ids of the image's pairs and its neighbours in the filter (two keyset
 * steps on pairs_dataset / pairs_flagged, see pairList.ts) come from ONE statement: one snapshot,
 * one round trip. Every value the database returns is data:
 * JSON columns are parsed, never evaluated, and strings are passed on as strings.
 */

interface PairDetailRow {
  id: string;
  split: string;
  seq: number;
  image_pk: number;
  image_id: number;
  idx: number;
  question: string;
  text_answer: string;
  raw_answer: string | null;
  orig_targets: string;
  imported_flags: number;
  imported_granularity: string;
  targets: string;
  granularity: string;
  flags: number;
  flag_order: number;
  edited_question: string | null;
  edited_answer: string | null;
  file_name: string;
  width: number;
  height: number;
  file_flags: number;
  raw: string;
  decision: DecisionRow | null;
}

// json, not jsonb: the rows go straight out as text (node-postgres JSON.parses both), so building
// jsonb's binary form first only cost PostgreSQL CPU on every detail.
const DETAIL_COLUMNS = `p.id, p.split, p.seq, p.image_pk, p.image_id, p.idx, p.question, p.text_answer, p.raw_answer, p.orig_targets,
  p.imported_flags, p.imported_granularity, p.targets, p.granularity, p.flags, p.flag_order, p.edited_question, p.edited_answer,
  i.file_name, i.width, i.height, i.file_flags, i.raw,
  (SELECT row_to_json(d) FROM decisions d WHERE d.pair_id = p.id) AS decision,
  (SELECT coalesce(json_agg(json_build_object('version', h.version, 'reviewer', h.reviewer, 'at', h.at, 'before', h.before, 'after', h.after)
     ORDER BY h.version), '[]'::json) FROM history h WHERE h.pair_id = p.id) AS history,
  (SELECT coalesce(json_agg(a ORDER BY a.idx), '[]'::json) FROM annotations a WHERE a.image_pk = p.image_pk) AS annotations,
  (SELECT coalesce(json_agg(json_build_object('id', q.id, 'idx', q.idx, 'q', coalesce(q.edited_question, q.question)) ORDER BY q.idx), '[]'::json)
     FROM pairs q WHERE q.image_pk = p.image_pk) AS siblings`;

/** The split of a pair id (`<split>:<image id>:<index>`; a split name may hold colons itself). */
function splitOf(id: string): string {
  const last = id.lastIndexOf(":");
  const before = last > 0 ? id.lastIndexOf(":", last - 1) : -1;
  return before > 0 ? id.slice(0, before) : id;
}

/**
 * The detail statement: the pair's own row (`cur`, through the primary key) and the neighbour
 * steps in `filter` as scalar subqueries bounded by it, so pair and neighbours are one round trip
 * and one snapshot.
 */
function detailSql(id: string, filter: PairFilter | null, splitFixed: boolean): { sql: string; values: unknown[] } {
  const params = new Params();
  const idParam = params.add(id);
  const near = filter ? neighbourSubqueries(filter, params, "cur", splitFixed) : { prev: "NULL::text", next: "NULL::text" };
  return {
    sql: `WITH cur AS (SELECT split, seq, flag_order FROM pairs WHERE id = ${idParam})
      SELECT ${DETAIL_COLUMNS}, ${near.prev} AS prev, ${near.next} AS next
      FROM cur, pairs p JOIN images i ON i.pk = p.image_pk WHERE p.id = ${idParam}`,
    values: params.values,
  };
}

const COPY_FLAGS: readonly FlagId[] = ["target_copy", "mask_form", "bad_rle"];

/** Copy facts for a pair flagged target_copy / mask_form / bad_rle (as SQLite's copyFacts): parsed only then. */
function copyFacts(raw: string, index: number, annotations: AnnotationView[], flags: readonly FlagId[]): { annotations: AnnotationView[]; copyForms?: PairDetail["copyForms"] } {
  if (!flags.some((f) => COPY_FLAGS.includes(f))) return { annotations };
  const analysis = analyzeRecord(storedJson<ImageRecord>(raw, "an image record"), { fileFlags: [] });
  const withCopies = annotations.map((a) => {
    const info = analysis.annotations[a.index];
    return info ? { ...a, copyOf: info.copyOf, form: info.form, problem: info.problem, generatorName: info.generatorName } : a;
  });
  const copyForms = analysis.pairs[index]?.copyForms;
  return { annotations: withCopies, ...(copyForms ? { copyForms } : {}) };
}

/** The pair as stored: raw answer as imported and no image URL (the review service adds both). */
export async function getPair(pool: pg.Pool, id: string, filter: PairFilter): Promise<StoredPairDetail | null> {
  const splitFixed = filter.split !== undefined && filter.split === splitOf(id);
  // The flagged order within one split seeks pairs_flagged (split, flag_order, seq) only with the
  // key as constants: bounded by the outer row, the planner takes pairs_flagged_all, whose order
  // (flag_order, split, seq) bounds on flag_order alone and walks the group. So that case asks for
  // its neighbours in a second round trip, with the key read in the first.
  const separate = splitFixed && filter.sort === "flagged";
  const statement = detailSql(id, separate ? null : filter, splitFixed);
  const { rows } = await pool.query<
    PairDetailRow & { history: HistoryRow[]; annotations: AnnotationRow[]; siblings: { id: string; idx: number; q: string }[]; prev: string | null; next: string | null }
  >(prepared(statement.sql, statement.values));
  const pair = rows[0];
  if (!pair) return null;
  const near = separate ? neighbours(pool, filter, { flagOrder: pair.flag_order, split: pair.split, seq: pair.seq }) : null;
  // Awaited below; a failure before that must not become an unhandled rejection.
  near?.catch(() => undefined);
  const flags = maskToFlags(pair.flags);
  const copies = copyFacts(pair.raw, pair.idx, annotationViews(pair.annotations.map(storedAnnotation), () => pair.raw), [...flags, ...maskToFlags(pair.imported_flags)]);
  const question = pair.edited_question ?? pair.question;
  let duplicateOf: string | null = null;
  if (flags.includes("duplicate")) {
    const key = normaliseQuestion(question);
    duplicateOf = pair.siblings.find((s) => s.idx < pair.idx && normaliseQuestion(s.q) === key)?.id ?? null;
  }
  return {
    id: pair.id,
    split: pair.split,
    imageId: Number(pair.image_id),
    index: pair.idx,
    image: { fileName: pair.file_name, width: pair.width, height: pair.height, pairIds: pair.siblings.map((s) => s.id) },
    question,
    textAnswer: pair.edited_answer ?? pair.text_answer,
    rawAnswer: pair.raw_answer,
    original: { question: pair.question, textAnswer: pair.text_answer, targets: storedJson<number[]>(pair.orig_targets, "a pair's targets") },
    targets: storedJson<number[]>(pair.targets, "a pair's targets"),
    ...(copies.copyForms ? { copyForms: copies.copyForms } : {}),
    annotations: copies.annotations,
    granularity: pair.granularity as Granularity,
    flags,
    decision: pair.decision ? decisionFromRow(pair.decision) : null,
    history: pair.history.map(historyFromRow),
    ...(near ? await near : { prev: pair.prev, next: pair.next }),
    duplicateOf,
  };
}

/**
 * What the review service needs to validate an edit of the pair; one statement, without the
 * image's record (tens of KB of TOASTed text to read and decompress on every decision PUT):
 * `record()` reads it in a second round trip, only for a decision with edits.
 */
export async function getPairContext(pool: pg.Pool, id: string): Promise<PairContext | null> {
  const { rows } = await pool.query<PairContextRow>(prepared(CONTEXT_SQL, [id]));
  const pair = rows[0];
  if (!pair) return null;
  let record: Promise<string> | undefined;
  return {
    id: pair.id,
    split: pair.split,
    imageId: Number(pair.image_id),
    index: pair.idx,
    record: () => (record ??= typed(() => pairRecord(pool, id))),
    fileFlags: maskToFlags(pair.file_flags),
    decision: pair.decision ? decisionFromRow(pair.decision) : null,
    activeRound: pair.active_round === null ? null : Number(pair.active_round),
    imported: { flags: maskToFlags(pair.imported_flags), granularity: pair.imported_granularity as Granularity, targets: storedJson<number[]>(pair.orig_targets, "a pair's targets") },
  };
}

interface PairContextRow {
  id: string;
  split: string;
  image_id: number;
  idx: number;
  orig_targets: string;
  imported_flags: number;
  imported_granularity: string;
  file_flags: number;
  decision: DecisionRow | null;
  active_round: number | string | null;
}

const CONTEXT_SQL = `SELECT p.id, p.split, p.image_id, p.idx, p.orig_targets, p.imported_flags, p.imported_granularity, i.file_flags,
  (SELECT row_to_json(d) FROM decisions d WHERE d.pair_id = p.id) AS decision,
  (${activeRoundSql("p.id")}) AS active_round
  FROM pairs p JOIN images i ON i.pk = p.image_pk WHERE p.id = $1`;

/** The record of the pair's image, by pair id: a re-import between the two statements gives the new record, as a later context would. */
async function pairRecord(pool: pg.Pool, id: string): Promise<string> {
  const { rows } = await pool.query<{ raw: string }>(prepared("SELECT i.raw FROM pairs p JOIN images i ON i.pk = p.image_pk WHERE p.id = $1", [id]));
  const row = rows[0];
  // The pair went away between the two statements (a re-import without it).
  if (!row) throw new NotFoundError(`no pair with id ${JSON.stringify(id)} any more (the split was re-imported meanwhile)`);
  return row.raw;
}
