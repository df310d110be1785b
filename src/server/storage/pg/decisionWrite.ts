import type pg from "pg";
import { normalizeEdits, parsePairId, type Decision, type HistoryEntry } from "../../../shared/domain";
import { DECISION_COLUMNS, decisionValues, historyValues, sameDecision, type PairState } from "../decisionRecord";
import type { BatchDecisionResult, SaveDecisionRequest, SaveDecisionResult } from "../store";
import { flagsToMask } from "../sqlite/flags";
import { decisionFromRow, historyFromRow, type DecisionRow, type HistoryRow, type PairRow } from "../sqlite/rows";
import { pairSide, summaryDeltas } from "./splitSummary";
import { prepared } from "./prepared";
import { SplitTallies } from "./splitTallies";

/*
 * The decision write on PostgreSQL. The compare-and-set is ONE statement: an UPDATE of the
 * decision row guarded by `version = base` (or, for a pair never decided, an INSERT that does
 * nothing when a row exists), so two servers racing on one pair cannot both win: the loser's
 * statement waits on the winner's row lock, then finds the version moved and matches nothing.
 * History, the pair's filter columns and the idempotency record follow in the same transaction;
 * the split's tallies (counts, summary, change counter, reasons, reviewers) are collected in a
 * SplitTallies and added by the caller just before COMMIT (splitTallies.ts says why and in which
 * lock order).
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

/**
 * Locks a pair for a decision: its image's row, then the pair's row. Every decision takes these two
 * locks in this order (and a group commit its pairs in image order), so decisions of one image
 * queue instead of deadlocking, and the summary move (which reads the image's other pairs) of one
 * sees what the one before it committed. Null when no such pair.
 */
export async function lockPair(client: pg.ClientBase, id: string): Promise<PairRow | null> {
  const parsed = parsePairId(id);
  if (!parsed) return null;
  await client.query(prepared("SELECT 1 FROM images WHERE split = $1 AND image_id = $2 FOR UPDATE", [parsed.split, parsed.imageId]));
  const { rows } = await client.query<PairRow>(prepared("SELECT * FROM pairs WHERE id = $1 FOR UPDATE", [id]));
  return rows[0] ?? null;
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

/** One decision inside the caller's transaction; its tally moves go to `tallies` (flushed by the caller). */
export async function writeDecision(
  client: pg.ClientBase,
  request: SaveDecisionRequest,
  tallies: SplitTallies,
  /** The pair's row when the caller already locked it with lockPair (a round's final decision). */
  locked?: PairRow,
): Promise<SaveDecisionResult> {
  const { input } = request;
  // Stryker disable next-line ConditionalExpression: without a key the lookup is `key = NULL`, which matches no row
  if (request.idempotencyKey !== undefined) {
    const earlier = await client.query<{ result: string }>(prepared("SELECT result FROM idempotency WHERE key = $1 AND pair_id = $2", [request.idempotencyKey, request.id]));
    if (earlier.rows[0]) {
      const first = JSON.parse(earlier.rows[0].result) as Decision;
      if (!sameDecision(first, input)) return { kind: "key_reused" };
      return { kind: "saved", decision: first, replayed: true };
    }
  }
  // Locks the image and pair rows: the pair's filter columns are rewritten below from what this write read.
  const pair = locked ?? (await lockPair(client, request.id));
  if (!pair) return { kind: "not_found" };

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
  const values = decisionValues(request.id, decision, state);

  // The compare-and-set, one statement each way; RETURNING the decision it replaced.
  const swapped =
    input.baseVersion === 0
      ? await client.query<DecisionRow>(
          prepared(
            `INSERT INTO decisions (${DECISION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (pair_id) DO NOTHING RETURNING NULL AS before`,
            values,
          ),
        )
      : await client.query<{ before: DecisionRow }>(
          prepared(
            `UPDATE decisions d SET status = $2, reasons = $3, note = $4, edits = $5, reviewer = $6, updated_at = $7, version = $8,
               flags = $9, granularity = $10, targets = $11
             FROM (SELECT * FROM decisions WHERE pair_id = $1) old
             WHERE d.pair_id = $1 AND d.version = $12 RETURNING to_jsonb(old) AS before`,
            [...values, input.baseVersion],
          ),
        );
  const won = swapped.rows[0] as { before: DecisionRow | null } | undefined;
  if (!won) return { kind: "conflict", current: await currentDecision(client, request.id) };
  const before = won.before ? decisionFromRow(won.before) : null;

  await appendHistory(client, request.id, before, decision);
  await client.query(
    prepared(
      `UPDATE pairs SET status = $1, reviewer = $2, flags = $3, flag_order = $4, granularity = $5, targets = $6, target_count = $7,
         edited_question = $8, edited_answer = $9 WHERE pk = $10`,
      [
      decision.status,
      decision.reviewer,
      state.flags,
      state.flags === 0 ? 1 : 0,
      state.granularity,
      JSON.stringify(targets),
      targets.length,
      edits?.question ?? null,
      edits?.textAnswer ?? null,
      pair.pk,
      ],
    ),
  );
  // Stryker disable next-line ConditionalExpression: with the targets unchanged, the rewrite puts back the same categories
  if (pair.targets !== JSON.stringify(targets)) {
    await client.query("DELETE FROM pair_categories WHERE pair_pk = $1", [pair.pk]);
    await client.query(
      `INSERT INTO pair_categories (category, pair_pk)
       SELECT DISTINCT category, $1::int FROM annotations WHERE image_pk = $2 AND idx = ANY($3::int[]) ON CONFLICT DO NOTHING`,
      [pair.pk, pair.image_pk, targets],
    );
  }
  const edited = (edits?.question ?? null) !== null || (edits?.textAnswer ?? null) !== null || JSON.stringify(targets) !== pair.orig_targets;
  const summary = await summaryDeltas(client, pair, pairSide(pair), { status: decision.status, edited });
  if (request.idempotencyKey !== undefined) {
    await client.query(
      prepared("INSERT INTO idempotency (key, pair_id, result, created_at) VALUES ($1, $2, $3, $4)", [request.idempotencyKey, request.id, JSON.stringify(decision), request.now]),
    );
  }
  // Every statement succeeded: the moves count (a failed decision's savepoint takes none along).
  tallies.countMoved(
    { split: pair.split, status: pair.status, granularity: pair.granularity, flags: pair.flags, targetCount: pair.target_count },
    { split: pair.split, status: decision.status, granularity: state.granularity, flags: state.flags, targetCount: targets.length },
  );
  tallies.summaryMoved(pair.split, summary);
  tallies.changed(pair.split);
  if (before) tallies.decidedSide(pair.split, before, -1);
  tallies.decidedSide(pair.split, decision, 1);
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
export async function writeDecisions(client: pg.ClientBase, requests: readonly SaveDecisionRequest[], onError: (error: unknown) => unknown): Promise<BatchDecisionResult[]> {
  // Array.prototype.sort is stable: ties (one pair twice, ids that do not parse) keep arrival order.
  const order = requests.map((_, i) => i).sort((a, b) => lockOrder(requests[a]!.id, requests[b]!.id));
  const results: BatchDecisionResult[] = [];
  const tallies = new SplitTallies();
  for (const i of order) {
    await client.query("SAVEPOINT one");
    try {
      results[i] = await writeDecision(client, requests[i]!, tallies);
      // Stryker disable next-line StringLiteral: an unreleased savepoint is shadowed by the next of its name and commits with the transaction; only PostgreSQL's memory sees it
      await client.query("RELEASE SAVEPOINT one");
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
