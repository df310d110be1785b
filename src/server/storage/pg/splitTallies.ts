import type pg from "pg";
import { prepared } from "./prepared";

/*
 * The per-split tallies a decision moves (PostgreSQL migration 7): pair counts by status,
 * granularity, flags and target count; the export preview's summary; the change counter; and the
 * reasons and reviewers of decided pairs. Every decision of a split moves the same few rows (the
 * "pending, object, no flag, one target" count, the split's summary), so with one row each, all of
 * a team's decisions of a split queued on those row locks until their commits (decision p99 1.4 s
 * with 50 reviewers on two servers). Each row is split into STRIPES rows (`slot`); a transaction
 * adds all its moves to one slot, its connection's (the backend's process id modulo STRIPES), and
 * readers sum the slots. A slot per connection rather than per transaction at random: two
 * transactions then share a stripe only when their backends' ids agree modulo STRIPES, not one
 * time in STRIPES (bench:team, decisions side by side: 102 waits over 5 ms on a stripe a minute
 * with random slots).
 *
 * Lock order, so concurrent writers never deadlock: a transaction first locks the images and pairs
 * it decides (pgStore sorts a group commit by split, image and index), then, just before COMMIT,
 * the tally rows here, table by table (pair_counts, split_summary, split_changes, split_reasons, split_reviewers) and in key
 * order within each table.
 */

export const STRIPES = 16;

/** The stripe a transaction on `client` adds its moves to (at random when the backend's id is unknown). */
export function slotOf(client: pg.ClientBase): number {
  const pid = (client as { processID?: unknown }).processID;
  return typeof pid === "number" && Number.isSafeInteger(pid) && pid >= 0 ? pid % STRIPES : Math.floor(Math.random() * STRIPES);
}

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];
export const SUMMARY_COLUMNS = ["accepted_images", "accepted_bytes", "open_images", "open_bytes", "edited_pending", "edited_accepted", "edited_rejected"] as const;

export interface CountKey {
  split: string;
  status: string;
  granularity: string;
  flags: number;
  targetCount: number;
}

/** The moves of one transaction's decisions, applied by `flush` once, before COMMIT. */
export class SplitTallies {
  private readonly counts = new Map<string, { key: CountKey; n: number }>();
  private readonly summaries = new Map<string, Record<SummaryColumn, number>>();
  private readonly changes = new Map<string, number>();
  private readonly reasons = new Map<string, { split: string; name: string; n: number }>();
  private readonly reviewers = new Map<string, { split: string; name: string; n: number }>();

  countMoved(from: CountKey, to: CountKey): void {
    const a = countId(from);
    const b = countId(to);
    if (a === b) return;
    add(this.counts, a, () => ({ key: from, n: 0 })).n -= 1;
    add(this.counts, b, () => ({ key: to, n: 0 })).n += 1;
  }

  summaryMoved(split: string, deltas: Readonly<Record<SummaryColumn, number>>): void {
    const row = add(this.summaries, split, () => Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, 0])) as Record<SummaryColumn, number>);
    for (const column of SUMMARY_COLUMNS) row[column] += deltas[column];
  }

  changed(split: string): void {
    this.changes.set(split, (this.changes.get(split) ?? 0) + 1);
  }

  /** A decided pair's reasons and reviewer counted (`sign` 1) or no longer counted (-1). */
  decidedSide(split: string, side: { status: string; reviewer: string; reasons: readonly string[] }, sign: 1 | -1): void {
    if (side.status === "pending") return;
    for (const reason of side.reasons) add(this.reasons, `${split}\u0000${reason}`, () => ({ split, name: reason, n: 0 })).n += sign;
    add(this.reviewers, `${split}\u0000${side.reviewer}`, () => ({ split, name: side.reviewer, n: 0 })).n += sign;
  }

  /**
   * The upserts of every move, one statement per table with moves, in lock order (above): `param`
   * binds a value and names its placeholder, `slot` is the stripe's placeholder, and `guard` a
   * condition every row must meet (the decision write's "the compare-and-set won").
   */
  upserts(param: (value: unknown) => string, slot: string, guard = "TRUE"): string[] {
    const parts: string[] = [];
    const counts = sorted(this.counts).filter((c) => c.n !== 0);
    if (counts.length > 0) {
      const k = counts.map((c) => c.key);
      parts.push(`INSERT INTO pair_counts (split, status, granularity, flags, target_count, slot, n)
         SELECT s, st, g, f, t, ${slot}::int, n FROM unnest(${param(k.map((x) => x.split))}::text[], ${param(k.map((x) => x.status))}::text[],
           ${param(k.map((x) => x.granularity))}::text[], ${param(k.map((x) => x.flags))}::int[], ${param(k.map((x) => x.targetCount))}::int[],
           ${param(counts.map((c) => c.n))}::int[]) WITH ORDINALITY AS u(s, st, g, f, t, n, i) WHERE ${guard} ORDER BY i
         ON CONFLICT (split, status, granularity, flags, target_count, slot) DO UPDATE SET n = pair_counts.n + excluded.n`);
    }
    const summaries = [...this.summaries.entries()].filter(([, d]) => SUMMARY_COLUMNS.some((c) => d[c] !== 0)).sort(([a], [b]) => compare(a, b));
    if (summaries.length > 0) {
      // The stripe row starts at zero; `images` (set by the import) lives in slot 0's row.
      const columns = SUMMARY_COLUMNS.map((c) => `${param(summaries.map(([, d]) => d[c]))}::bigint[]`).join(", ");
      parts.push(`INSERT INTO split_summary (split, slot, images, ${SUMMARY_COLUMNS.join(", ")})
         SELECT s, ${slot}::int, 0, ${SUMMARY_COLUMNS.map((c) => `u.${c}`).join(", ")}
         FROM unnest(${param(summaries.map(([split]) => split))}::text[], ${columns}) WITH ORDINALITY AS u(s, ${SUMMARY_COLUMNS.join(", ")}, i) WHERE ${guard} ORDER BY i
         ON CONFLICT (split, slot) DO UPDATE SET ${SUMMARY_COLUMNS.map((c) => `${c} = split_summary.${c} + excluded.${c}`).join(", ")}`);
    }
    const changes = [...this.changes.entries()].sort(([a], [b]) => compare(a, b));
    if (changes.length > 0) {
      parts.push(`INSERT INTO split_changes (split, slot, n)
         SELECT s, ${slot}::int, n FROM unnest(${param(changes.map(([s]) => s))}::text[], ${param(changes.map(([, n]) => n))}::bigint[]) WITH ORDINALITY AS u(s, n, i) WHERE ${guard} ORDER BY i
         ON CONFLICT (split, slot) DO UPDATE SET n = split_changes.n + excluded.n`);
    }
    for (const [table, column, rows] of [
      ["split_reasons", "reason", this.reasons],
      ["split_reviewers", "reviewer", this.reviewers],
    ] as const) {
      const moves = sorted(rows).filter((r) => r.n !== 0);
      if (moves.length === 0) continue;
      parts.push(`INSERT INTO ${table} (split, ${column}, slot, n)
         SELECT s, k, ${slot}::int, n FROM unnest(${param(moves.map((m) => m.split))}::text[], ${param(moves.map((m) => m.name))}::text[], ${param(moves.map((m) => m.n))}::int[])
           WITH ORDINALITY AS u(s, k, n, i) WHERE ${guard} ORDER BY i
         ON CONFLICT (split, ${column}, slot) DO UPDATE SET n = ${table}.n + excluded.n`);
    }
    return parts;
  }

  /**
   * Adds every move to the rows of `slot` (random by default) in ONE statement: an upsert per
   * table with moves, each a data-modifying CTE. PostgreSQL runs a statement's data-modifying CTEs
   * in a fixed order for a given text, and every text here lists the tables in the order above
   * (a table without moves is left out, which keeps the relative order), with each table's rows in
   * key order: concurrent flushes take the tally rows' locks in one order and cannot deadlock.
   */
  async flush(client: pg.ClientBase, slot = slotOf(client)): Promise<void> {
    const values: unknown[] = [];
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const parts = this.upserts(param, param(slot));
    if (parts.length === 0) return;
    const text = parts.length === 1 ? parts[0]! : `WITH ${parts.map((part, i) => `t${i} AS (${part})`).join(",\n")}\nSELECT 1`;
    // Every slot value shares one text: the statement is prepared once per shape (which tables move).
    await client.query(prepared(text, values));
  }
}

function add<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function countId(k: CountKey): string {
  return [k.split, k.status, k.granularity, k.flags, k.targetCount].join("\u0000");
}

/** Code-unit order: the same in every process, whatever the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The map's values in the order of their keys. */
function sorted<V>(map: Map<string, V>): V[] {
  return [...map.entries()].sort(([a], [b]) => compare(a, b)).map(([, v]) => v);
}

/**
 * Recounts the reasons and reviewers of one split's decided pairs (or of every split) from its
 * decisions, inside the caller's transaction (end of an import, `migrate`).
 */
export async function recountDecidedTallies(client: pg.ClientBase, split?: string): Promise<void> {
  const one = split !== undefined;
  const where = one ? " AND p.split = $1" : "";
  const params = one ? [split] : [];
  for (const table of ["split_reasons", "split_reviewers"]) await client.query(`DELETE FROM ${table}${one ? " WHERE split = $1" : ""}`, params);
  await client.query(
    `INSERT INTO split_reasons (split, reason, n)
     SELECT p.split, r.reason, count(*) FROM decisions d JOIN pairs p ON p.id = d.pair_id, jsonb_array_elements_text(d.reasons::jsonb) AS r(reason)
     WHERE d.status <> 'pending'${where} GROUP BY p.split, r.reason`,
    params,
  );
  await client.query(
    `INSERT INTO split_reviewers (split, reviewer, n)
     SELECT p.split, d.reviewer, count(*) FROM decisions d JOIN pairs p ON p.id = d.pair_id
     WHERE d.status <> 'pending'${where} GROUP BY p.split, d.reviewer`,
    params,
  );
}
