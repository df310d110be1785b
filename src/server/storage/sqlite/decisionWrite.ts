import type Database from "better-sqlite3";
import { normalizeEdits, type Decision, type HistoryEntry } from "../../../shared/domain";
import { DECISION_COLUMNS, decisionValues, historyValues, sameDecision, type PairState } from "../decisionRecord";
import type { SaveDecisionRequest, SaveDecisionResult } from "../store";
import { categoriesOf, decodeAnnotations } from "./annotationCodec";
import { flagsToMask } from "./flags";
import { movePairCount } from "./pairCounts";
import { activeRoundOf, currentDecision, historyRows, pairRow } from "./pairDetail";
import { moveSummary, sideOf } from "./splitSummary";
import type { PairRow } from "./rows";
import type { StatementCache } from "./statementCache";

/*
 * The decision write: compare-and-set on the version, the history row, the denormalised filter
 * columns and the idempotency record, all in one IMMEDIATE transaction so concurrent writers
 * (other processes) serialise before reading the version they compare against.
 */

/**
 * `direct`: a reviewer's own decision, refused with in_round while an open review round holds the
 * pair (read inside the write's transaction); a round's final decision is written with false.
 */
export function createDecisionWriter(db: Database.Database, statements: StatementCache, direct: boolean) {
  const write = (request: SaveDecisionRequest): SaveDecisionResult => {
    const { input } = request;
    // Stryker disable next-line ConditionalExpression: equivalent, without a key the lookup binds NULL, and `key = NULL` matches no row
    if (request.idempotencyKey !== undefined) {
      const earlier = statements
        .get("SELECT result FROM idempotency WHERE key = ? AND pair_id = ?")
        .pluck()
        .get(request.idempotencyKey, request.id) as string | undefined;
      if (earlier !== undefined) {
        const first = JSON.parse(earlier) as Decision;
        // A retry replays; the same key on a different body is a client bug, never a silent success.
        if (!sameDecision(first, input)) return { kind: "key_reused" };
        return { kind: "saved", decision: first, replayed: true };
      }
    }
    const pair = pairRow(statements, request.id);
    if (!pair) return { kind: "not_found" };
    // Read inside the write's transaction: a round created after the caller's own check still counts.
    const round = direct ? activeRoundOf(statements, request.id) : null;
    if (round !== null) return { kind: "in_round", roundId: round };
    const current = currentDecision(statements, request.id);
    if (input.baseVersion !== (current?.version ?? 0)) return { kind: "conflict", current };

    const edits = normalizeEdits(input.edits);
    const decision: Decision = {
      status: input.status,
      reasons: [...(input.reasons ?? [])],
      note: input.note ?? "",
      edits,
      reviewer: input.reviewer,
      updatedAt: request.now,
      version: (current?.version ?? 0) + 1,
    };
    const targets = edits?.targets ?? (JSON.parse(pair.orig_targets) as number[]);
    const flags = flagsToMask(request.flags);
    moveSummary(statements, pair, sideOf(pair, current), {
      status: decision.status,
      reviewer: decision.reviewer,
      reasons: decision.reasons,
      edited: (edits?.question ?? null) !== null || (edits?.textAnswer ?? null) !== null || JSON.stringify(targets) !== pair.orig_targets,
    });
    storeDecision(statements, request.id, decision, { flags, granularity: request.granularity, targets });
    appendHistory(statements, request.id, current, decision);
    updatePairState(statements, pair, decision, { flags, targets, granularity: request.granularity });
    statements.get("UPDATE splits SET changes = changes + 1 WHERE name = ?").run(pair.split);
    if (request.idempotencyKey !== undefined) {
      statements
        .get("INSERT INTO idempotency (key, pair_id, result, created_at) VALUES (?, ?, ?, ?)")
        .run(request.idempotencyKey, request.id, JSON.stringify(decision), request.now);
    }
    return { kind: "saved", decision, replayed: false };
  };
  const transaction = db.transaction(write);
  return (request: SaveDecisionRequest): SaveDecisionResult => transaction.immediate(request);
}


export function storeDecision(statements: StatementCache, id: string, decision: Decision, state: PairState): void {
  statements
    .get(
      `INSERT INTO decisions (${DECISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (pair_id) DO UPDATE SET status = excluded.status, reasons = excluded.reasons, note = excluded.note,
         edits = excluded.edits, reviewer = excluded.reviewer, updated_at = excluded.updated_at, version = excluded.version,
         flags = excluded.flags, granularity = excluded.granularity, targets = excluded.targets`,
    )
    .run(...decisionValues(id, decision, state));
}

export function appendHistory(statements: StatementCache, id: string, before: Decision | null, after: Decision): void {
  statements.get("INSERT INTO history (pair_id, version, reviewer, at, before, after) VALUES (?, ?, ?, ?, ?, ?)").run(...historyValues(id, before, after));
}

/** Copies a decision's effect onto the pair row, its categories and its full-text entry. */
export function updatePairState(statements: StatementCache, pair: PairRow, decision: Decision, state: PairState): void {
  const question = decision.edits?.question ?? null;
  const answer = decision.edits?.textAnswer ?? null;
  statements
    .get(
      `UPDATE pairs SET status = ?, reviewer = ?, flags = ?, flag_order = ?, granularity = ?, targets = ?, target_count = ?,
         edited_question = ?, edited_answer = ? WHERE pk = ?`,
    )
    .run(
      decision.status,
      decision.reviewer,
      state.flags,
      state.flags === 0 ? 1 : 0,
      state.granularity,
      JSON.stringify(state.targets),
      state.targets.length,
      question,
      answer,
      pair.pk,
    );

  movePairCount(
    statements,
    { split: pair.split, status: pair.status, granularity: pair.granularity, flags: pair.flags, targetCount: pair.target_count },
    { split: pair.split, status: decision.status, granularity: state.granularity, flags: state.flags, targetCount: state.targets.length },
  );

  // Stryker disable next-line ConditionalExpression: equivalent, rewriting unchanged categories writes the same rows
  if (pair.targets !== JSON.stringify(state.targets)) {
    statements.get("DELETE FROM pair_categories WHERE pair_pk = ?").run(pair.pk);
    const stored = statements.get("SELECT annotations FROM images WHERE pk = ?").pluck().get(pair.image_pk) as string | undefined;
    const categories = categoriesOf(decodeAnnotations(stored ?? "[]"), state.targets);
    const insert = statements.get("INSERT OR IGNORE INTO pair_categories (category, pair_pk) VALUES (?, ?)");
    for (const category of categories) insert.run(category, pair.pk);
  }

  const oldText = [pair.edited_question ?? pair.question, pair.edited_answer ?? pair.text_answer];
  const newText = [question ?? pair.question, answer ?? pair.text_answer];
  if (oldText[0] !== newText[0] || oldText[1] !== newText[1]) {
    statements.get("DELETE FROM pairs_fts WHERE rowid = ?").run(pair.pk);
    statements.get("INSERT INTO pairs_fts (rowid, question, answer) VALUES (?, ?, ?)").run(pair.pk, newText[0], newText[1]);
  }
}

export function historyOf(statements: StatementCache, id: string): HistoryEntry[] | null {
  return pairRow(statements, id) ? historyRows(statements, id) : null;
}
