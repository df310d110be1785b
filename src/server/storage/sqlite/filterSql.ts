import type { PairFilter } from "../../../shared/api";
import type { SortKey, SortMode } from "./cursor";
import { flagBit } from "./flags";

/* WHERE and ORDER BY clauses for the pair filters of the queue, gallery and neighbours. */

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * An FTS5 query for what a user typed: every word must appear; the last one may be a prefix
 * (search as you type: "chai" finds "chair", "chair" finds "chairs"). Earlier words match whole:
 * a prefix of a common short word ("the*") would merge the lists of every word starting with it.
 * FTS syntax characters are dropped, so nothing the user types is interpreted as an operator.
 * Null when nothing searchable is left.
 */
export function ftsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `"${w}"*` : `"${w}"`)).join(" ");
}

/** Conditions on the alias `p` (pairs); `ignoreStatus` gives the base of the per-status counts. */
export function filterWhere(filter: PairFilter, ignoreStatus = false): SqlPart {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.split !== undefined) {
    clauses.push("p.split = ?");
    params.push(filter.split);
  }
  if (filter.status !== undefined && !ignoreStatus) {
    clauses.push("p.status = ?");
    params.push(filter.status);
  }
  if (filter.granularity !== undefined) {
    clauses.push("p.granularity = ?");
    params.push(filter.granularity);
  }
  if (filter.minTargets !== undefined) {
    clauses.push("p.target_count >= ?");
    params.push(filter.minTargets);
  }
  if (filter.maxTargets !== undefined) {
    clauses.push("p.target_count <= ?");
    params.push(filter.maxTargets);
  }
  if (filter.flag !== undefined) {
    clauses.push("(p.flags & ?) != 0");
    params.push(flagBit(filter.flag));
  }
  if (filter.reviewer !== undefined) {
    clauses.push("p.reviewer = ?");
    params.push(filter.reviewer);
  }
  if (filter.reason !== undefined) {
    // Reasons live in the current decision as a JSON array; few pairs are rejected, so this is cheap.
    clauses.push("p.id IN (SELECT d.pair_id FROM decisions d, json_each(d.reasons) r WHERE r.value = ?)");
    params.push(filter.reason);
  }
  if (filter.disagree !== undefined) {
    // As the dashboard's agreement counts: each reviewer's last word on the pair, both decided.
    const last = (who: string) =>
      `(SELECT json_extract(h.after, '$.status') FROM history h WHERE h.pair_id = p.id AND h.reviewer ${who} ORDER BY h.version DESC LIMIT 1)`;
    const differ = (a: string, b: string) =>
      `EXISTS (SELECT 1 FROM (SELECT ${last(a)} AS sa, ${last(b)} AS sb) WHERE sa != sb AND sa != 'pending' AND sb != 'pending')`;
    // Only pairs the first reviewer decided can differ: the history (small) bounds the scan.
    clauses.push("p.id IN (SELECT h.pair_id FROM history h WHERE h.reviewer = ?)");
    params.push(filter.disagree);
    if (filter.disagreeWith !== undefined) {
      clauses.push(differ("= ?", "= ?"));
      params.push(filter.disagree, filter.disagreeWith);
    } else {
      clauses.push(`EXISTS (SELECT 1 FROM history o WHERE o.pair_id = p.id AND o.reviewer != ? AND ${differ("= ?", "= o.reviewer")})`);
      params.push(filter.disagree, filter.disagree);
    }
  }
  if (filter.decidedBy !== undefined || filter.decidedHour !== undefined) {
    // The history rows the dashboard's reviewer-by-hour grid counts.
    const by = filter.decidedBy === undefined ? "" : " AND h.reviewer = ?";
    const hour = filter.decidedHour === undefined ? "" : " AND substr(h.at, 1, 13) = ?";
    clauses.push(`p.id IN (SELECT h.pair_id FROM history h WHERE json_extract(h.after, '$.status') != 'pending'${by}${hour})`);
    if (filter.decidedBy !== undefined) params.push(filter.decidedBy);
    if (filter.decidedHour !== undefined) params.push(filter.decidedHour);
  }
  if (filter.discussion !== undefined) {
    // Threads are few next to pairs: the comment side bounds the scan.
    clauses.push(`p.id IN (SELECT c.pair_id FROM comments c${filter.discussion === "sent" ? " WHERE c.discussion = 1" : ""})`);
  }
  if (filter.mentions !== undefined) {
    clauses.push("p.id IN (SELECT c.pair_id FROM comments c, json_each(c.mentions) m WHERE lower(m.value) = lower(?))");
    params.push(filter.mentions);
  }
  if (filter.category !== undefined) {
    clauses.push("p.pk IN (SELECT pair_pk FROM pair_categories WHERE category = ?)");
    params.push(filter.category);
  }
  const match = filter.q === undefined ? null : ftsQuery(filter.q);
  if (match !== null) {
    // "+p.pk": never drive the query by the match list through the pk (every match looked up,
    // then sorted for the page: q="the" page 227 ms on 154K pairs); walk the split's index in
    // order and test each pair against the list instead (39 ms), as before pairs_pk_filters.
    clauses.push("+p.pk IN (SELECT rowid FROM pairs_fts WHERE pairs_fts MATCH ?)");
    params.push(match);
  }
  return { sql: clauses.length ? clauses.join(" AND ") : "1", params };
}

export function sortModeOf(filter: PairFilter): SortMode {
  return filter.sort === "flagged" ? "flagged" : "dataset";
}

/** ORDER BY for the sort mode, ascending or (for "previous") descending. */
export function orderBy(sort: SortMode, descending = false): string {
  const dir = descending ? " DESC" : "";
  return sort === "flagged"
    ? `p.flag_order${dir}, p.split${dir}, p.seq${dir}`
    : `p.split${dir}, p.seq${dir}`;
}

/**
 * Rows strictly after (or before) `key` in the sort order. When the filter already fixes the split
 * (`splitFixed`), the bound leaves the split out: `p.split = ? AND (p.split, p.seq) > (?, ?)` makes
 * SQLite seek on the split alone and scan from the split's start (next of the last pair of a 154K
 * split read every row before it), while `p.split = ? AND p.seq > ?` seeks straight to the key
 * in pairs_dataset (and `(p.flag_order, p.seq)` in pairs_flagged): constant time anywhere.
 */
export function afterKey(sort: SortMode, key: SortKey, before = false, splitFixed = false): SqlPart {
  const op = before ? "<" : ">";
  if (splitFixed) {
    return sort === "flagged"
      ? { sql: `(p.flag_order, p.seq) ${op} (?, ?)`, params: [key.flagOrder, key.seq] }
      : { sql: `p.seq ${op} ?`, params: [key.seq] };
  }
  return sort === "flagged"
    ? { sql: `(p.flag_order, p.split, p.seq) ${op} (?, ?, ?)`, params: [key.flagOrder, key.split, key.seq] }
    : { sql: `(p.split, p.seq) ${op} (?, ?)`, params: [key.split, key.seq] };
}
