import type pg from "pg";
import type { PairFilter, PairList, PairListQuery, StatusCounts } from "../../../shared/api";
import { decodeCursor, encodeCursor, type SortKey, type SortMode } from "../sqlite/cursor";
import { flagBit } from "../sqlite/flags";
import { toSummary, type SummaryRow } from "../sqlite/summaryRow";
import { activityClauses, usesActivity } from "./filterSql";

/*
 * The queue on PostgreSQL: the same filters, orders and opaque keyset cursors as the SQLite store
 * (../sqlite/pairList.ts; cursors are interchangeable), with `$n` parameters and full text through
 * the pairs' tsvector. Nothing a user types reaches SQL text: values are parameters, and the text
 * query is rebuilt from letters and digits only.
 */

const DEFAULT_LIMIT = 50;

/** Collects `$n` parameters. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * A tsquery for what a user typed: every word must appear; the last one (3+ characters) may be a
 * prefix, as in the SQLite store. Null when nothing searchable is left.
 */
export function tsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `'${w}':*` : `'${w}'`)).join(" & ");
}

/**
 * The filter's conditions on `p`. `ignoreStatus`: without the status condition (counts by status);
 * `counts`: only what pair_counts has. `walk`: for a statement that walks pairs_dataset from a key
 * and stops at its first row (a neighbour step): a category is then probed per pair the walk meets
 * (`IN`, a few probes to the next pair of the category). Otherwise the category's pairs are
 * collected first (`= ANY(ARRAY(…))`) and fetched through the primary key: a page of
 * category=mug (1.1 % of 154K pairs) took 91–108 ms as a walk probing 8K pairs and 16 ms this way,
 * its counts 33–42 → 14–16 ms (psql, load 6). The cost grows with the category's size; the
 * largest of gen:scale's 531 categories holds 1.4 % of the pairs.
 */
export function filterWhere(filter: PairFilter, params: Params, ignoreStatus = false, counts = false, walk = false): string {
  const clauses: string[] = [];
  if (filter.split !== undefined) clauses.push(`p.split = ${params.add(filter.split)}`);
  if (filter.status !== undefined && !ignoreStatus) clauses.push(`p.status = ${params.add(filter.status)}`);
  if (filter.granularity !== undefined) clauses.push(`p.granularity = ${params.add(filter.granularity)}`);
  if (filter.minTargets !== undefined) clauses.push(`p.target_count >= ${params.add(filter.minTargets)}`);
  if (filter.maxTargets !== undefined) clauses.push(`p.target_count <= ${params.add(filter.maxTargets)}`);
  // The bit as a literal (a number of our own table, never user text), so the planner can use the
  // flag's partial index pairs_flag_<flag> (migration 3).
  if (filter.flag !== undefined) clauses.push(`(p.flags & ${flagLiteral(filter.flag)}) <> 0`);
  if (counts) return clauses.length ? clauses.join(" AND ") : "true";
  if (filter.reviewer !== undefined) clauses.push(`p.reviewer = ${params.add(filter.reviewer)}`);
  if (filter.reason !== undefined) {
    clauses.push(`p.id IN (SELECT d.pair_id FROM decisions d WHERE jsonb_exists(d.reasons::jsonb, ${params.add(filter.reason)}))`);
  }
  if (filter.category !== undefined) {
    const category = `SELECT pair_pk FROM pair_categories WHERE category = ${params.add(filter.category)}`;
    clauses.push(walk ? `p.pk IN (${category})` : `p.pk = ANY(ARRAY(${category}))`);
  }
  clauses.push(...activityClauses(filter, params));
  const match = filter.q === undefined ? null : tsQuery(filter.q);
  if (match !== null) clauses.push(`p.tsv @@ to_tsquery('simple', ${params.add(match)})`);
  return clauses.length ? clauses.join(" AND ") : "true";
}

function flagLiteral(flag: NonNullable<PairFilter["flag"]>): string {
  const bit = flagBit(flag);
  if (!Number.isSafeInteger(bit)) throw new Error(`unknown flag ${JSON.stringify(flag)}`);
  return String(bit);
}

function sortModeOf(filter: PairFilter): SortMode {
  return filter.sort === "flagged" ? "flagged" : "dataset";
}

function orderBy(sort: SortMode, descending = false): string {
  const dir = descending ? " DESC" : "";
  return sort === "flagged" ? `p.flag_order${dir}, p.split${dir}, p.seq${dir}` : `p.split${dir}, p.seq${dir}`;
}

function afterKey(sort: SortMode, key: SortKey, params: Params, before = false, splitFixed = false): string {
  const op = before ? "<" : ">";
  if (splitFixed) {
    return sort === "flagged" ? `(p.flag_order, p.seq) ${op} (${params.add(key.flagOrder)}::int, ${params.add(key.seq)}::int)` : `p.seq ${op} ${params.add(key.seq)}::int`;
  }
  return sort === "flagged"
    ? `(p.flag_order, p.split, p.seq) ${op} (${params.add(key.flagOrder)}::int, ${params.add(key.split)}, ${params.add(key.seq)}::int)`
    : `(p.split, p.seq) ${op} (${params.add(key.split)}, ${params.add(key.seq)}::int)`;
}

export const SUMMARY_COLUMNS = `p.id, p.split, p.image_id, p.idx, coalesce(p.edited_question, p.question) AS question,
  p.target_count, p.granularity, p.status, p.flags, p.reviewer,
  coalesce((SELECT d.version FROM decisions d WHERE d.pair_id = p.id), 0) AS version`;

export async function listPairs(db: pg.Pool | pg.ClientBase, query: PairListQuery): Promise<PairList> {
  const sort = sortModeOf(query);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const params = new Params();
  const clauses = [filterWhere(query, params)];
  if (query.cursor !== undefined && query.cursor !== "") {
    const key = decodeCursor(sort, query.cursor);
    clauses.push(afterKey(sort, key, params, false, query.split === key.split));
  }
  // On a pool, the page and its counts run side by side (two connections): the counts of a broad
  // filter (q=the: 95K of 154K pairs) scan far more than the page.
  const page_ = db.query<SummaryRow & { seq: number; flag_order: number }>(
    `SELECT ${SUMMARY_COLUMNS}, p.seq, p.flag_order FROM pairs p WHERE ${clauses.join(" AND ")}
     ORDER BY ${orderBy(sort)} LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const counts_ = countByStatus(db, query);
  // Both are awaited below; a failure of one must not leave the other an unhandled rejection.
  counts_.catch(() => undefined);
  const { rows } = await page_;
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const counts = await counts_;
  return {
    items: page.map((row) => toSummary({ ...row, image_id: Number(row.image_id) })),
    nextCursor: more && last ? encodeCursor(sort, { flagOrder: last.flag_order, split: last.split, seq: last.seq }) : null,
    total: query.status !== undefined ? counts[query.status] : counts.pending + counts.accepted + counts.rejected,
    counts,
  };
}

/** Per-status counts of the filter without its status condition; from pair_counts when it can. */
export async function countByStatus(db: pg.Pool | pg.ClientBase, filter: PairFilter): Promise<StatusCounts> {
  const summary =
    filter.category === undefined && filter.reviewer === undefined && filter.reason === undefined && !usesActivity(filter) && (filter.q === undefined || tsQuery(filter.q) === null);
  const params = new Params();
  const where = filterWhere(filter, params, true, summary);
  const sum = (status: string) =>
    summary ? `coalesce(sum(p.n) FILTER (WHERE p.status = '${status}'), 0)::int` : `(count(*) FILTER (WHERE p.status = '${status}'))::int`;
  const { rows } = await db.query<StatusCounts>(
    `SELECT ${sum("pending")} AS pending, ${sum("accepted")} AS accepted, ${sum("rejected")} AS rejected
     FROM ${summary ? "pair_counts" : "pairs"} p WHERE ${where}`,
    params.values,
  );
  const row = rows[0]!;
  return { pending: row.pending, accepted: row.accepted, rejected: row.rejected };
}

/**
 * The neighbour steps of `neighbours` as two scalar subqueries, for a statement that has the
 * current pair's split, seq and flag_order as columns of `cur` (the pair detail reads them in the
 * same statement: one round trip). `splitFixed`: the filter's split is the pair's own split.
 */
export function neighbourSubqueries(filter: PairFilter, params: Params, cur: string, splitFixed: boolean): { prev: string; next: string } {
  const sort = sortModeOf(filter);
  const step = (before: boolean): string => {
    const op = before ? "<" : ">";
    const bound = splitFixed
      ? sort === "flagged"
        ? `(p.flag_order, p.seq) ${op} (${cur}.flag_order, ${cur}.seq)`
        : `p.seq ${op} ${cur}.seq`
      : sort === "flagged"
        ? `(p.flag_order, p.split, p.seq) ${op} (${cur}.flag_order, ${cur}.split, ${cur}.seq)`
        : `(p.split, p.seq) ${op} (${cur}.split, ${cur}.seq)`;
    return `(SELECT p.id FROM pairs p WHERE ${filterWhere(filter, params, false, false, true)} AND ${bound} ORDER BY ${orderBy(sort, before)} LIMIT 1)`;
  };
  return { prev: step(true), next: step(false) };
}

/** Ids of the pairs right before and after `key` among those matching `filter` (pair detail). */
export async function neighbours(db: pg.Pool | pg.ClientBase, filter: PairFilter, key: SortKey): Promise<{ prev: string | null; next: string | null }> {
  const sort = sortModeOf(filter);
  const step = async (before: boolean): Promise<string | null> => {
    const params = new Params();
    const where = filterWhere(filter, params, false, false, true);
    const bound = afterKey(sort, key, params, before, filter.split === key.split);
    const { rows } = await db.query<{ id: string }>(`SELECT p.id FROM pairs p WHERE ${where} AND ${bound} ORDER BY ${orderBy(sort, before)} LIMIT 1`, params.values);
    return rows[0]?.id ?? null;
  };
  const [prev, next] = await Promise.all([step(true), step(false)]);
  return { prev, next };
}
