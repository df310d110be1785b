import type { PairFilter } from "../../../shared/api";

/*
 * The pair filters that read the decision history (the dashboard's drill-downs: `disagree`,
 * `disagreeWith`, `decidedBy`, `decidedHour`) or the comment threads (`discussion`, `mentions`), in PostgreSQL terms, with the semantics of
 * ../sqlite/filterSql.ts. Conditions on the alias `p` (pairs); values are `$n` parameters.
 * The history or comment side is computed first, as an array of pair ids (`p.id = ANY(ARRAY(…))`), so the
 * pairs are found through their id index: as `IN (subquery)` the planner read all 154K pairs.
 */

/** Hands out `$n` placeholders (pairList.ts's `Params`). */
export interface ParamSink {
  add(value: unknown): string;
}

/** The status a history entry wrote (a stored column generated from its `after`, migration 2). */
const AFTER_STATUS = "h.status";

/**
 * Whether the filter uses one of the conditions below, on the decision history or the comment
 * threads (then pair_counts cannot count it).
 */
export function usesActivity(filter: PairFilter): boolean {
  return (
    filter.disagree !== undefined ||
    filter.decidedBy !== undefined ||
    filter.decidedHour !== undefined ||
    filter.discussion !== undefined ||
    filter.mentions !== undefined
  );
}

export function activityClauses(filter: PairFilter, params: ParamSink): string[] {
  const clauses: string[] = [];
  if (filter.disagree !== undefined) {
    // As the dashboard's agreement counts: each reviewer's last word on the pair, both decided.
    const last = (who: string) =>
      `(SELECT ${AFTER_STATUS} FROM history h WHERE h.pair_id = p.id AND h.reviewer ${who} ORDER BY h.version DESC LIMIT 1)`;
    const differ = (a: string, b: string) =>
      `EXISTS (SELECT 1 FROM (SELECT ${last(a)} AS sa, ${last(b)} AS sb) s WHERE s.sa <> s.sb AND s.sa <> 'pending' AND s.sb <> 'pending')`;
    // Only pairs the first reviewer wrote can differ: the history (small) bounds the scan.
    clauses.push(`p.id = ANY(ARRAY(SELECT h.pair_id FROM history h WHERE h.reviewer = ${params.add(filter.disagree)}))`);
    if (filter.disagreeWith !== undefined) {
      clauses.push(differ(`= ${params.add(filter.disagree)}`, `= ${params.add(filter.disagreeWith)}`));
    } else {
      const me = params.add(filter.disagree);
      clauses.push(`EXISTS (SELECT 1 FROM history o WHERE o.pair_id = p.id AND o.reviewer <> ${me} AND ${differ(`= ${me}`, "= o.reviewer")})`);
    }
  }
  if (filter.decidedBy !== undefined || filter.decidedHour !== undefined) {
    // The history rows the dashboard's reviewer-by-hour grid counts.
    const by = filter.decidedBy === undefined ? "" : ` AND h.reviewer = ${params.add(filter.decidedBy)}`;
    const hour = filter.decidedHour === undefined ? "" : ` AND substr(h.at, 1, 13) = ${params.add(filter.decidedHour)}`;
    clauses.push(`p.id = ANY(ARRAY(SELECT h.pair_id FROM history h WHERE ${AFTER_STATUS} <> 'pending'${by}${hour}))`);
  }
  // The comment threads (issue 11's "has discussion", "mentions me"): few next to the pairs.
  if (filter.discussion !== undefined) {
    clauses.push(`p.id = ANY(ARRAY(SELECT c.pair_id FROM comments c${filter.discussion === "sent" ? " WHERE c.discussion" : ""}))`);
  }
  if (filter.mentions !== undefined) {
    // Names are matched as accounts are, without case (mentions are ASCII: shared/comments.ts).
    clauses.push(
      `p.id = ANY(ARRAY(SELECT c.pair_id FROM comments c, jsonb_array_elements_text(c.mentions::jsonb) m WHERE lower(m) = lower(${params.add(filter.mentions)})))`,
    );
  }
  return clauses;
}
