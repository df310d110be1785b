import pg from "pg";
import { normalizeEdits, parsePairId, type Decision, type HistoryEntry } from "../../../shared/domain";
import { DECISION_COLUMNS, decisionValues, historyValues, sameDecision, type PairState } from "../decisionRecord";
import type { BatchDecisionResult, SaveDecisionRequest, SaveDecisionResult } from "../store";
import { flagsToMask } from "../sqlite/flags";
import { decisionFromRow, historyFromRow, type DecisionRow, type HistoryRow, type PairRow } from "../sqlite/rows";
import { pairSide, summaryDeltas, type ImageOthers } from "./splitSummary";
import { prepared } from "./prepared";
import { executeSql } from "./sessionStatements";
import { slotOf, SplitTallies, type SummaryColumn } from "./splitTallies";

/*
 * The decision write on PostgreSQL, in few round trips (each costs 0.1–0.2 ms of latency on this
 * kind of machine and a context switch on both sides; the earlier version sent about fifteen
 * statements per decision and queued under a team's load):
 *  1. lock the pair's image row (every decision and round final locks its image first, so the
 *     decisions of one image queue instead of racing, and the reads below see what the one before
 *     committed: READ COMMITTED takes a new snapshot per statement);
 *  2. ONE read: the pair, its current decision, the idempotency record of the request's key, and
 *     what the summary move needs of the image's other pairs;
 *  3. ONE write: the compare-and-set of the decision (an UPDATE guarded by `version = base`, or an
 *     INSERT that does nothing when a row exists), and, only when it won, the history row, the
 *     pair's filter columns and the idempotency record, as data-modifying CTEs of one statement;
 *  4. (rare) the pair's categories when its targets changed;
 * the split's tallies (counts, summary, change counter, reasons, reviewers) are collected in a
 * SplitTallies and added by the caller in one statement just before COMMIT (splitTallies.ts says
 * why and in which lock order). The compare-and-set stays the authority: the version read in (2)
 * only answers a stale base early.
 */

/** Unconditional write (the import's resets, migrate); `saveDecision` uses the guarded one below. */
export async function storeDecision(client: pg.ClientBase, id: string, decision: Decision, state: PairState): Promise<void> {
  await client.query(
    `INSERT INTO decisions (${DECISION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (pair_id) DO UPDATE SET status = excluded.status, reasons = excluded.reasons, note = excluded.note,
       edits = excluded.edits, reviewer = excluded.reviewer, updated_at = excluded.updated_at, version = excluded.version,
       flags = excluded.flags, granularity = excluded.granularity, targets = excluded.targets`,
    decisionValues(id, decision, state),
  );
}

export async function appendHistory(client: pg.ClientBase, id: string, before: Decision | null, after: Decision): Promise<void> {
  await client.query(prepared("INSERT INTO history (pair_id, version, reviewer, at, before, after) VALUES ($1, $2, $3, $4, $5, $6)", historyValues(id, before, after)));
}

async function currentDecision(client: pg.ClientBase, id: string): Promise<Decision | null> {
  const { rows } = await client.query<DecisionRow>("SELECT * FROM decisions WHERE pair_id = $1", [id]);
  return rows[0] ? decisionFromRow(rows[0]) : null;
}

/** What a decision write reads of its pair (not the texts nor the search vector, which it never needs). */
export type LockedPairRow = Pick<PairRow, "pk" | "id" | "split" | "image_pk" | "status" | "granularity" | "flags" | "target_count" | "orig_targets" | "targets" | "edited_question" | "edited_answer">;

/** A pair locked for a decision, with what the write needs, read in one statement under the lock. */
export interface LockedPair {
  row: LockedPairRow;
  /** Its decision now, null when never decided. */
  current: Decision | null;
  /** The open review round whose unfinished slot holds the pair, or null (read under the image's lock). */
  activeRound: number | null;
  /** The result an earlier request with the same idempotency key saved (JSON), if any. */
  earlier: string | null;
  others: ImageOthers;
}

export interface LockedRow extends LockedPairRow {
  current: DecisionRow | null;
  earlier: string | null;
  others_accepted: number;
  others_pending: number;
  image_bytes: number;
  active_round: number | string | null;
}

/** The open review round whose unfinished slot holds pair `pairSql` (a column or a parameter), or NULL. */
export function activeRoundSql(pairSql: string): string {
  return `SELECT s.round_id FROM round_slots s JOIN rounds r ON r.id = s.round_id
    WHERE s.pair_id = ${pairSql} AND NOT r.closed AND s.state IN ('open', 'adjudication') ORDER BY s.round_id LIMIT 1`;
}

/** Step 2's read, of pair `id` with idempotency key `key` (SQL: parameters or literals). */
function readLocked(id: string, key: string): string {
  return `SELECT p.pk, p.id, p.split, p.image_pk, p.status, p.granularity, p.flags, p.target_count, p.orig_targets, p.targets,
    p.edited_question, p.edited_answer,
    (SELECT to_jsonb(d) FROM decisions d WHERE d.pair_id = p.id) AS current,
    (SELECT k.result FROM idempotency k WHERE k.key = ${key} AND k.pair_id = p.id) AS earlier,
    (SELECT count(*) FROM pairs o WHERE o.image_pk = p.image_pk AND o.pk <> p.pk AND o.status = 'accepted')::int AS others_accepted,
    (SELECT count(*) FROM pairs o WHERE o.image_pk = p.image_pk AND o.pk <> p.pk AND o.status = 'pending')::int AS others_pending,
    (SELECT octet_length(i.raw) FROM images i WHERE i.pk = p.image_pk)::int AS image_bytes,
    (${activeRoundSql("p.id")}) AS active_round
  FROM pairs p WHERE p.id = ${id}`;
}

const READ_LOCKED = readLocked("$1", "$2");

/**
 * Step 2's read as an EXECUTE of its statement (sessionStatements.ts), to ride in the BEGIN batch
 * of a transaction that holds the image's lock already (pgStore's writeTransaction): one round trip
 * fewer per decision. Both values are escaped literals (a NULL key matches no row).
 */
export function readLockedSql(client: pg.ClientBase, id: string, idempotencyKey: string | undefined): Promise<string> {
  return executeSql(client, READ_LOCKED, [id, idempotencyKey ?? null]);
}

/** The pair a read of step 2 found, or null. */
export function lockedPairOf(row: LockedRow | undefined): LockedPair | null {
  if (!row) return null;
  const { current, earlier, others_accepted, others_pending, image_bytes, active_round, ...pair } = row;
  return {
    row: pair,
    activeRound: active_round === null ? null : Number(active_round),
    current: current ? decisionFromRow(current) : null,
    earlier,
    others: { accepted: others_accepted, pending: others_pending, bytes: image_bytes },
  };
}

/**
 * Locks a pair for a decision (its image's row: see the top of this file) and reads it with its
 * decision, the idempotency record of `idempotencyKey` and the image's other pairs. Null when no
 * such pair. A group commit locks its pairs in lockOrder.
 */
export async function lockPair(client: pg.ClientBase, id: string, idempotencyKey?: string, imageLocked = false): Promise<LockedPair | null> {
  const parsed = parsePairId(id);
  if (!parsed) return null;
  if (!imageLocked) await client.query(prepared("SELECT 1 FROM images WHERE split = $1 AND image_id = $2 FOR UPDATE", [parsed.split, parsed.imageId]));
  // Without a key the lookup is `key = NULL`, which matches no row.
  const { rows } = await client.query<LockedRow>(prepared(READ_LOCKED, [id, idempotencyKey ?? null]));
  return lockedPairOf(rows[0]);
}

/**
 * The statement that locks the images of `ids` in one round trip, sent with BEGIN (pgStore's
 * writeTransaction): rows are locked in the ORDER BY's order (split in "C" order, then image id),
 * lockOrder's order, so two group commits over the same images queue instead of deadlocking. It
 * runs only while the import lock's shared try succeeds (`importLock`), so a decision never waits
 * for an import's row locks. The values are inlined (a BEGIN batch takes no parameters): a split
 * name is [A-Za-z0-9._-] by parsePairId and escaped anyway, an image id a safe integer. Null when an
 * id does not qualify: its writeDecision then locks its image itself.
 */
export function lockImagesSql(ids: readonly string[], importLock: number): string | null {
  const keys = imageKeys(ids);
  if (keys === null || keys.length === 0) return null;
  return `SELECT 1 FROM images WHERE pg_try_advisory_xact_lock_shared(${importLock}) AND (split, image_id) IN (${keys.map(([split, imageId]) => `(${pg.escapeLiteral(split)}, ${imageId})`).join(", ")})
    ${IMAGE_LOCK_ORDER} FOR UPDATE`;
}

/** The order every transaction that locks several images takes their rows in. */
const IMAGE_LOCK_ORDER = "ORDER BY split, image_id";

/** The distinct (split, image id) of pair ids. An id that does not parse to a safe image id makes it null, or is skipped (`skip`). */
function imageKeys(ids: readonly string[], skip = false): [string, number][] | null {
  const keys = new Map<string, [string, number]>();
  for (const id of ids) {
    const parsed = parsePairId(id);
    if (!parsed || !Number.isSafeInteger(parsed.imageId)) {
      if (skip) continue;
      return null;
    }
    keys.set(`${parsed.split}:${parsed.imageId}`, [parsed.split, parsed.imageId]);
  }
  return [...keys.values()];
}

/**
 * Locks the image rows of `pairIds` in the decisions' order (any number of them, as parameters).
 * A direct decision reads the pair's open round under its image's lock, so once a new round holds
 * these locks, a decision in flight on one of its pairs commits before the slots appear and a
 * later one finds them (and answers in_round): no pair is decided directly after its round began.
 */
export async function lockImagesOfPairs(client: pg.ClientBase, pairIds: readonly string[]): Promise<void> {
  const keys = imageKeys(pairIds, true) ?? [];
  if (keys.length === 0) return;
  await client.query(
    `SELECT 1 FROM images WHERE (split, image_id) IN (SELECT * FROM unnest($1::text[], $2::bigint[])) ${IMAGE_LOCK_ORDER} FOR UPDATE`,
    [keys.map(([split]) => split), keys.map(([, imageId]) => imageId)],
  );
}

/** The order a group commit takes its pairs' locks in: split, image id, index (ids that do not parse last). */
export function lockOrder(a: string, b: string): number {
  const pa = parsePairId(a);
  const pb = parsePairId(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  return compareText(pa.split, pb.split) || pa.imageId - pb.imageId || pa.index - pb.index;
}

/** Code-unit order: the same in every process, whatever the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/*
 * Step 3 of the write. $1–$11 are the decision row (DECISION_COLUMNS), $12 the base version, $13
 * and $14 the history's before and after, $15–$19 the pair's new filter columns and its key, $20
 * and $21 the idempotency key and result (NULL key: no record); the split's tally upserts may
 * follow (a decision alone in its transaction), guarded like the rest by the swap having won.
 * Answers `won` (0 or 1).
 */
const INSERT_FIRST = `swapped AS (
    INSERT INTO decisions (${DECISION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (pair_id) DO NOTHING RETURNING 1)`;

const UPDATE_NEXT = `swapped AS (
    UPDATE decisions SET status = $2, reasons = $3, note = $4, edits = $5, reviewer = $6, updated_at = $7, version = $8,
      flags = $9, granularity = $10, targets = $11
    WHERE pair_id = $1 AND version = $12 RETURNING 1)`;

const AFTER_SWAP = [
  "history_row AS (INSERT INTO history (pair_id, version, reviewer, at, before, after) SELECT $1, $8, $6, $7, $13, $14 FROM swapped)",
  `pair_row AS (
    UPDATE pairs SET status = $2, reviewer = $6, flags = $9, flag_order = $15, granularity = $10, targets = $11, target_count = $16,
      edited_question = $17, edited_answer = $18
    WHERE pk = $19 AND EXISTS (SELECT 1 FROM swapped))`,
  "key_row AS (INSERT INTO idempotency (key, pair_id, result, created_at) SELECT $20, $1, $21, $7 FROM swapped WHERE $20::text IS NOT NULL)",
];

const WON = "EXISTS (SELECT 1 FROM swapped)";

function writeText(first: boolean, tallies: readonly string[]): string {
  const ctes = [first ? INSERT_FIRST : UPDATE_NEXT, ...AFTER_SWAP, ...tallies.map((upsert, i) => `tally${i} AS (${upsert})`)];
  return `WITH ${ctes.join(",\n  ")}\nSELECT count(*)::int AS won, $12::int AS base FROM swapped`;
}

/** The tally moves of one decision (SplitTallies). */
function countMoves(tallies: SplitTallies, pair: LockedPairRow, before: Decision | null, decision: Decision, state: PairState, summary: Record<SummaryColumn, number>): void {
  tallies.countMoved(
    { split: pair.split, status: pair.status, granularity: pair.granularity, flags: pair.flags, targetCount: pair.target_count },
    { split: pair.split, status: decision.status, granularity: state.granularity, flags: state.flags, targetCount: state.targets.length },
  );
  tallies.summaryMoved(pair.split, summary);
  tallies.changed(pair.split);
  if (before) tallies.decidedSide(pair.split, before, -1);
  tallies.decidedSide(pair.split, decision, 1);
}

export interface WriteOptions {
  /** The pair as the caller already locked and read it (lockPair, or the BEGIN batch's read; null: no such pair; undefined: not read). */
  locked?: LockedPair | null | undefined;
  /** The transaction already holds the pair's image lock (lockImagesSql). */
  imageLocked?: boolean;
  /**
   * A review round's own final decision, written while its round still holds the pair. Any other
   * write is a direct decision, refused with in_round while an open round holds the pair.
   */
  roundFinal?: boolean;
  /**
   * The write is the transaction's last statement: it may send COMMIT in its own round trip and
   * set `committed` (it does unless the pair's categories must be rewritten after it).
   */
  commit?: { committed: boolean };
}

/**
 * One decision inside the caller's transaction. Its tally moves go to `tallies`, which the caller
 * flushes before COMMIT; with null (a decision that is the last write of its transaction) they go
 * into the write's own statement, one round trip fewer.
 */
export async function writeDecision(client: pg.ClientBase, request: SaveDecisionRequest, tallies: SplitTallies | null, opts: WriteOptions = {}): Promise<SaveDecisionResult> {
  const { input } = request;
  const found = opts.locked !== undefined ? opts.locked : await lockPair(client, request.id, request.idempotencyKey, opts.imageLocked);
  if (!found) return { kind: "not_found" };
  if (request.idempotencyKey !== undefined && found.earlier !== null) {
    const first = JSON.parse(found.earlier) as Decision;
    if (!sameDecision(first, input)) return { kind: "key_reused" };
    return { kind: "saved", decision: first, replayed: true };
  }
  if (!opts.roundFinal && found.activeRound !== null) return { kind: "in_round", roundId: found.activeRound };
  const pair = found.row;
  const before = found.current;
  if ((before?.version ?? 0) !== input.baseVersion) return { kind: "conflict", current: before };

  const edits = normalizeEdits(input.edits);
  const decision: Decision = {
    status: input.status,
    reasons: [...(input.reasons ?? [])],
    note: input.note ?? "",
    edits,
    reviewer: input.reviewer,
    updatedAt: request.now,
    version: input.baseVersion + 1,
  };
  const targets = edits?.targets ?? (JSON.parse(pair.orig_targets) as number[]);
  const state: PairState = { flags: flagsToMask(request.flags), granularity: request.granularity, targets };
  const history = historyValues(request.id, before, decision);
  const edited = (edits?.question ?? null) !== null || (edits?.textAnswer ?? null) !== null || JSON.stringify(targets) !== pair.orig_targets;
  const summary = summaryDeltas(found.others, pairSide(pair), { status: decision.status, edited });
  const values: unknown[] = [
    ...decisionValues(request.id, decision, state),
    input.baseVersion,
    history[4],
    history[5],
    state.flags === 0 ? 1 : 0,
    targets.length,
    edits?.question ?? null,
    edits?.textAnswer ?? null,
    pair.pk,
    request.idempotencyKey ?? null,
    JSON.stringify(decision),
  ];
  let upserts: string[] = [];
  if (tallies === null) {
    const mine = new SplitTallies();
    countMoves(mine, pair, before, decision, state, summary);
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    upserts = mine.upserts(param, param(slotOf(client)), WON);
  }
  // Stryker disable next-line ConditionalExpression: with the targets unchanged, the rewrite puts back the same categories
  const recategorise = pair.targets !== JSON.stringify(targets);
  const text = writeText(input.baseVersion === 0, upserts);
  let won: number | undefined;
  if (opts.commit && !recategorise) {
    // The write and COMMIT in one round trip. A lost swap wrote nothing, so committing it is harmless.
    const results = (await client.query(`${await executeSql(client, text, values)}; COMMIT`)) as unknown as pg.QueryResult<{ won: number }>[];
    opts.commit.committed = true;
    won = results[0]?.rows[0]?.won;
  } else {
    won = (await client.query<{ won: number }>(prepared(text, values))).rows[0]?.won;
  }
  // Only a writer that skipped the image's lock could have moved the version since the read.
  if (won !== 1) return { kind: "conflict", current: await currentDecision(client, request.id) };

  if (recategorise) {
    await client.query("DELETE FROM pair_categories WHERE pair_pk = $1", [pair.pk]);
    await client.query(
      `INSERT INTO pair_categories (category, pair_pk)
       SELECT DISTINCT category, $1::int FROM annotations WHERE image_pk = $2 AND idx = ANY($3::int[]) ON CONFLICT DO NOTHING`,
      [pair.pk, pair.image_pk, targets],
    );
  }
  // Every statement succeeded: the moves count (a failed decision's savepoint takes none along).
  if (tallies !== null) countMoves(tallies, pair, before, decision, state, summary);
  return { kind: "saved", decision, replayed: false };
}

/** Runs `work` in one transaction on a client of the pool. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Group commit: every decision in its own savepoint of one transaction, so one commit covers them.
 * The pairs are locked in lockOrder (ties keep arrival order) and the tallies added last; the
 * results come back in the order of `requests`.
 */
export async function writeDecisions(
  client: pg.ClientBase,
  requests: readonly SaveDecisionRequest[],
  onError: (error: unknown) => unknown,
  /** The transaction already holds every request's image lock (lockImagesSql). */
  imagesLocked = false,
  /** A lone request's pair, read with BEGIN (undefined: not read). */
  read?: LockedPair | null,
): Promise<BatchDecisionResult[]> {
  // Array.prototype.sort is stable: ties (one pair twice, ids that do not parse) keep arrival order.
  const order = requests.map((_, i) => i).sort((a, b) => lockOrder(requests[a]!.id, requests[b]!.id));
  if (requests.length === 1) {
    // Alone in its transaction, a decision needs no savepoint: if it fails, so does the transaction,
    // and nothing else was in it (two round trips fewer on the common path of a quiet server).
    try {
      return [await writeDecision(client, requests[0]!, null, { imageLocked: imagesLocked, locked: read })];
    } catch (error) {
      return [{ kind: "failed", error: onError(error) }];
    }
  }
  const results: BatchDecisionResult[] = [];
  const tallies = new SplitTallies();
  let opened = false;
  for (const i of order) {
    // One round trip between two decisions: the one before is kept (its savepoint released) and the
    // next one's opens. The last stays open: COMMIT keeps it with the rest.
    await client.query(opened ? "RELEASE SAVEPOINT one; SAVEPOINT one" : "SAVEPOINT one");
    opened = true;
    try {
      results[i] = await writeDecision(client, requests[i]!, tallies, { imageLocked: imagesLocked });
    } catch (error) {
      // onError may rethrow (a lost connection fails the whole transaction: nothing is acknowledged).
      const failure = onError(error);
      await client.query("ROLLBACK TO SAVEPOINT one");
      results[i] = { kind: "failed", error: failure };
    }
  }
  await tallies.flush(client);
  return results;
}

export async function historyOf(pool: pg.Pool, id: string): Promise<HistoryEntry[] | null> {
  const { rows } = await pool.query<HistoryRow>(
    `SELECT h.version, h.reviewer, h.at, h.before, h.after FROM history h WHERE h.pair_id = $1 ORDER BY h.version`,
    [id],
  );
  // Stryker disable next-line ConditionalExpression: a pair with history exists, so asking again only finds it
  if (rows.length === 0) {
    const exists = await pool.query("SELECT 1 FROM pairs WHERE id = $1", [id]);
    if (exists.rowCount === 0) return null;
  }
  return rows.map(historyFromRow);
}
