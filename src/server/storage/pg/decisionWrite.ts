import type pg from "pg";
import { normalizeEdits, parsePairId, type Decision, type HistoryEntry } from "../../../shared/domain";
import { DECISION_COLUMNS, decisionValues, historyValues, sameDecision, type PairState } from "../decisionRecord";
import type { BatchDecisionResult, SaveDecisionRequest, SaveDecisionResult } from "../store";
import { flagsToMask } from "../sqlite/flags";
import { decisionFromRow, historyFromRow, type DecisionRow, type HistoryRow, type PairRow } from "../sqlite/rows";
import { moveSummary, pairSide } from "./splitSummary";

/*
 * The decision write on PostgreSQL. The compare-and-set is ONE statement: an UPDATE of the
 * decision row guarded by `version = base` (or, for a pair never decided, an INSERT that does
 * nothing when a row exists), so two servers racing on one pair cannot both win: the loser's
 * statement waits on the winner's row lock, then finds the version moved and matches nothing.
 * History, the pair's filter columns, counts, the change counter and the idempotency record
 * follow in the same transaction.
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
  await client.query("INSERT INTO history (pair_id, version, reviewer, at, before, after) VALUES ($1, $2, $3, $4, $5, $6)", historyValues(id, before, after));
}

async function currentDecision(client: pg.ClientBase, id: string): Promise<Decision | null> {
  const { rows } = await client.query<DecisionRow>("SELECT * FROM decisions WHERE pair_id = $1", [id]);
  return rows[0] ? decisionFromRow(rows[0]) : null;
}

/** One decision inside the caller's transaction. */
export async function writeDecision(client: pg.ClientBase, request: SaveDecisionRequest): Promise<SaveDecisionResult> {
  const { input } = request;
  if (request.idempotencyKey !== undefined) {
    const earlier = await client.query<{ result: string }>("SELECT result FROM idempotency WHERE key = $1 AND pair_id = $2", [
      request.idempotencyKey,
      request.id,
    ]);
    if (earlier.rows[0]) {
      const first = JSON.parse(earlier.rows[0].result) as Decision;
      if (!sameDecision(first, input)) return { kind: "key_reused" };
      return { kind: "saved", decision: first, replayed: true };
    }
  }
  // The split row first, then the pair row: every write of a split takes its locks in this order
  // (the split's change counter, then pair, counts and summary rows), so two transactions cannot
  // each hold a row the other waits for. Already held when a group commit locked its splits.
  await lockSplits(client, [request.id]);
  // Locks the pair row: its filter columns are rewritten below from what this write read.
  const pairs = await client.query<PairRow>("SELECT * FROM pairs WHERE id = $1 FOR UPDATE", [request.id]);
  const pair = pairs.rows[0];
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
          `INSERT INTO decisions (${DECISION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (pair_id) DO NOTHING RETURNING NULL AS before`,
          values,
        )
      : await client.query<{ before: DecisionRow }>(
          `UPDATE decisions d SET status = $2, reasons = $3, note = $4, edits = $5, reviewer = $6, updated_at = $7, version = $8,
             flags = $9, granularity = $10, targets = $11
           FROM (SELECT * FROM decisions WHERE pair_id = $1) old
           WHERE d.pair_id = $1 AND d.version = $12 RETURNING to_jsonb(old) AS before`,
          [...values, input.baseVersion],
        );
  const won = swapped.rows[0] as { before: DecisionRow | null } | undefined;
  if (!won) return { kind: "conflict", current: await currentDecision(client, request.id) };
  const before = won.before ? decisionFromRow(won.before) : null;

  await appendHistory(client, request.id, before, decision);
  await client.query(
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
  );
  const from = [pair.split, pair.status, pair.granularity, pair.flags, pair.target_count];
  const to = [pair.split, decision.status, state.granularity, state.flags, targets.length];
  if (JSON.stringify(from) !== JSON.stringify(to)) {
    await client.query(
      "UPDATE pair_counts SET n = n - 1 WHERE split = $1 AND status = $2 AND granularity = $3 AND flags = $4 AND target_count = $5",
      from,
    );
    await client.query(
      `INSERT INTO pair_counts (split, status, granularity, flags, target_count, n) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (split, status, granularity, flags, target_count) DO UPDATE SET n = pair_counts.n + 1`,
      to,
    );
  }
  if (pair.targets !== JSON.stringify(targets)) {
    await client.query("DELETE FROM pair_categories WHERE pair_pk = $1", [pair.pk]);
    await client.query(
      `INSERT INTO pair_categories (category, pair_pk)
       SELECT DISTINCT category, $1::int FROM annotations WHERE image_pk = $2 AND idx = ANY($3::int[]) ON CONFLICT DO NOTHING`,
      [pair.pk, pair.image_pk, targets],
    );
  }
  await client.query("UPDATE splits SET changes = changes + 1 WHERE name = $1", [pair.split]);
  // After the split row's lock (above): decisions of one split move the summary one at a time.
  await moveSummary(client, pair, pairSide(pair), {
    status: decision.status,
    edited: (edits?.question ?? null) !== null || (edits?.textAnswer ?? null) !== null || JSON.stringify(targets) !== pair.orig_targets,
  });
  if (request.idempotencyKey !== undefined) {
    await client.query("INSERT INTO idempotency (key, pair_id, result, created_at) VALUES ($1, $2, $3, $4)", [
      request.idempotencyKey,
      request.id,
      JSON.stringify(decision),
      request.now,
    ]);
  }
  return { kind: "saved", decision, replayed: false };
}

/**
 * Locks the split rows of `pairIds` (split names parsed from the ids) in name order. Writes take
 * their split's row before any other row, and a group commit takes all its splits at once, in one
 * order, so concurrent writers (of one server or several) queue instead of deadlocking. Without it
 * a batch holding split A's counts waited for B while B's batch waited for A: PostgreSQL aborted one
 * ("deadlock detected", a 503) and both stalled for its deadlock_timeout first.
 */
async function lockSplits(client: pg.ClientBase, pairIds: readonly string[]): Promise<void> {
  const splits = [...new Set(pairIds.map((id) => parsePairId(id)?.split).filter((s): s is string => s !== undefined))];
  if (splits.length === 0) return;
  await client.query('SELECT name FROM splits WHERE name = ANY($1::text[]) ORDER BY name COLLATE "C" FOR UPDATE', [splits]);
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

/** Group commit: every decision in its own savepoint of one transaction, so one commit covers them. */
export async function writeDecisions(pool: pg.Pool, requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]> {
  return inTransaction(pool, async (client) => {
    const results: BatchDecisionResult[] = [];
    await lockSplits(client, requests.map((r) => r.id));
    for (const request of requests) {
      await client.query("SAVEPOINT one");
      try {
        results.push(await writeDecision(client, request));
        await client.query("RELEASE SAVEPOINT one");
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT one");
        results.push({ kind: "failed", error });
      }
    }
    return results;
  });
}

export async function historyOf(pool: pg.Pool, id: string): Promise<HistoryEntry[] | null> {
  const { rows } = await pool.query<HistoryRow>(
    `SELECT h.version, h.reviewer, h.at, h.before, h.after FROM history h WHERE h.pair_id = $1 ORDER BY h.version`,
    [id],
  );
  if (rows.length === 0) {
    const exists = await pool.query("SELECT 1 FROM pairs WHERE id = $1", [id]);
    if (exists.rowCount === 0) return null;
  }
  return rows.map(historyFromRow);
}
