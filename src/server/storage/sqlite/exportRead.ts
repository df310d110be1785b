import type { Decision, FlagId } from "../../../shared/domain";
import type { DecisionLogEntry, ExportRecord } from "../store";
import { maskToFlags } from "./flags";
import { decodeRaw } from "./rawCodec";
import { decisionFromRow } from "./rows";
import type { DecisionRow } from "./rows";
import type { StatementCache } from "./statementCache";

/*
 * Reading a split back for export, in file order and in pages of records. Pages (keyset on the
 * ordinal) rather than one long-lived `.iterate()`: the exporter awaits the output stream between
 * records, and better-sqlite3 refuses every write on a connection while one of its iterators is
 * open, which would block decision writes for the whole export. Memory stays bounded by a page.
 */

const PAGE = 256;

export function* exportRecords(statements: StatementCache, split: string): Generator<ExportRecord> {
  const pageOf = statements.get("SELECT pk, ordinal, raw FROM images WHERE split = ? AND ordinal > ? ORDER BY ordinal LIMIT ?");
  // Driven by pairs_image: image pks of a page are a narrow range. (A `p.split = ?` term here
  // made the planner walk the split's whole index once per page.)
  const decisionsOf = statements.get(
    `SELECT p.image_pk AS image_pk, p.idx AS idx, d.* FROM pairs p INDEXED BY pairs_image JOIN decisions d ON d.pair_id = p.id
     WHERE p.image_pk BETWEEN ? AND ?`,
  );
  const flagsOf = statements.get("SELECT image_pk, idx, flags FROM pairs INDEXED BY pairs_image WHERE image_pk BETWEEN ? AND ?");
  let after = -1;
  for (;;) {
    const images = pageOf.all(split, after, PAGE) as { pk: number; ordinal: number; raw: Buffer }[];
    if (images.length === 0) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const image of images) {
      lo = Math.min(lo, image.pk);
      hi = Math.max(hi, image.pk);
    }
    const byImage = new Map<number, Map<number, Decision>>();
    for (const row of decisionsOf.all(lo, hi) as (DecisionRow & { image_pk: number; idx: number })[]) {
      let map = byImage.get(row.image_pk);
      if (!map) byImage.set(row.image_pk, (map = new Map()));
      map.set(row.idx, decisionFromRow(row));
    }
    const flagsByImage = new Map<number, Map<number, FlagId[]>>();
    for (const row of flagsOf.all(lo, hi) as { image_pk: number; idx: number; flags: number }[]) {
      let map = flagsByImage.get(row.image_pk);
      if (!map) flagsByImage.set(row.image_pk, (map = new Map()));
      map.set(row.idx, maskToFlags(row.flags));
    }
    for (const image of images) {
      yield { raw: decodeRaw(image.raw), decisions: byImage.get(image.pk) ?? new Map(), pairFlags: flagsByImage.get(image.pk) ?? new Map() };
    }
    after = images[images.length - 1]!.ordinal;
  }
}

/** Decided (accepted or rejected) pairs of the split, in dataset order. */
export function* decisionLog(statements: StatementCache, split: string): Generator<DecisionLogEntry> {
  const pageOf = statements.get(
    `SELECT p.seq AS seq, d.* FROM pairs p JOIN decisions d ON d.pair_id = p.id
     WHERE p.split = ? AND p.seq > ? AND d.status != 'pending' ORDER BY p.seq LIMIT ?`,
  );
  let after = -1;
  for (;;) {
    const rows = pageOf.all(split, after, PAGE * 4) as (DecisionRow & { seq: number })[];
    if (rows.length === 0) return;
    for (const row of rows) yield { id: row.pair_id, decision: decisionFromRow(row) };
    after = rows[rows.length - 1]!.seq;
  }
}
