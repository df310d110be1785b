import type Database from "better-sqlite3";
import { settleSlot, type Lease, type Round, type Vote } from "../../../shared/rounds";
import {
  ROUND_COLUMNS,
  emptyByState,
  finalReviewer,
  roundFromRow,
  slotState,
  voteFromRow,
  type RoundRow,
  type SlotRow,
  type VoteRow,
} from "../roundRows";
import type { CastVoteRequest, CastVoteResult, NewRound, ResolveRequest, ResolveResult, RoundCounts, RoundStore, SaveDecisionRequest, SaveDecisionResult, SlotView } from "../store";
import { settle } from "./errors";
import { currentDecision } from "./pairDetail";
import type { StatementCache } from "./statementCache";

/*
 * Rounds on SQLite. Every write is one IMMEDIATE transaction: SQLite takes the write lock before
 * reading, so two server processes on one database file serialise their `next` and `vote` calls and
 * each sees the other's leases. Final decisions go through the store's decision writer (nested as a
 * savepoint), so counts, history and the change counter move as for any decision.
 */

type Writer = (request: SaveDecisionRequest) => SaveDecisionResult;

const iso = (ms: number) => new Date(ms).toISOString();

/** `guard` throws while an import holds the connection's transaction (a write would join it). */
export function createSqliteRounds(db: Database.Database, statements: StatementCache, writeDecision: Writer, guard: () => void): RoundStore {
  const write = <T>(work: () => T): Promise<T> =>
    settle(() => {
      guard();
      return work();
    });
  /**
   * Leases are not worth an fsync each: a lease lost in a crash just hands its pair out again. They
   * commit with synchronous=NORMAL (in WAL mode: written, synced at the next checkpoint or durable
   * commit), the connection's FULL is restored right after. Votes stay fully durable.
   */
  const lightly = <T>(work: () => T): Promise<T> =>
    write(() => {
      db.pragma("synchronous = NORMAL");
      try {
        return work();
      } finally {
        db.pragma("synchronous = FULL");
      }
    });
  const roundById = (id: number): Round | null => {
    const row = statements.get(`SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.id = ?`).get(id) as RoundRow | undefined;
    return row ? roundFromRow(row) : null;
  };
  const slotRow = (roundId: number, pairId: string) =>
    statements.get("SELECT round_id, pair_id, state, needed, votes, seq FROM round_slots WHERE round_id = ? AND pair_id = ?").get(roundId, pairId) as
      | SlotRow
      | undefined;
  const slotVotes = (roundId: number, pairId: string): Vote[] =>
    (statements.get("SELECT * FROM votes WHERE round_id = ? AND pair_id = ? ORDER BY at_ms, reviewer").all(roundId, pairId) as VoteRow[]).map(voteFromRow);
  const othersLeases = (roundId: number, pairId: string, reviewer: string, nowMs: number): number =>
    statements
      .get("SELECT count(*) FROM round_leases WHERE round_id = ? AND pair_id = ? AND reviewer <> ? AND expires_at > ?")
      .pluck()
      .get(roundId, pairId, reviewer, nowMs) as number;
  const hasVoted = (roundId: number, pairId: string, reviewer: string): boolean =>
    statements.get("SELECT 1 FROM votes WHERE round_id = ? AND pair_id = ? AND reviewer = ?").get(roundId, pairId, reviewer) !== undefined;
  const isMember = (roundId: number, reviewer: string): boolean =>
    statements.get("SELECT 1 FROM round_members WHERE reviewer = ? AND round_id = ?").get(reviewer, roundId) !== undefined;
  const putLease = (roundId: number, pairId: string, reviewer: string, expiresAt: number): Lease => {
    statements
      .get(
        `INSERT INTO round_leases (round_id, pair_id, reviewer, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (round_id, pair_id, reviewer) DO UPDATE SET expires_at = excluded.expires_at`,
      )
      .run(roundId, pairId, reviewer, expiresAt);
    return { roundId, pairId, expiresAt: iso(expiresAt) };
  };
  const view = (row: SlotRow): SlotView => ({
    roundId: Number(row.round_id),
    pairId: row.pair_id,
    state: slotState(row.state),
    needed: row.needed,
    votes: slotVotes(row.round_id, row.pair_id),
  });
  /** Writes a final decision over whatever the pair had (compare-and-set on the version read here). */
  const writeFinal = (pairId: string, input: Omit<SaveDecisionRequest["input"], "baseVersion">, flags: SaveDecisionRequest["flags"], granularity: SaveDecisionRequest["granularity"], now: string) => {
    const current = currentDecision(statements, pairId);
    const result = writeDecision({ id: pairId, input: { ...input, baseVersion: current?.version ?? 0 }, flags, granularity, now });
    if (result.kind !== "saved") throw new Error(`store is inconsistent: the final decision of ${pairId} could not be written (${result.kind})`);
    return result.decision;
  };

  const create = db.transaction((round: NewRound): { round: Round; skipped: number } => {
    const id = Number(
      statements
        .get(
          `INSERT INTO rounds (name, split, filter, overlap, share, seed, blind, reviewers, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          round.name,
          round.split,
          JSON.stringify(round.filter),
          round.overlap,
          round.share,
          round.seed,
          round.blind ? 1 : 0,
          JSON.stringify(round.reviewers),
          round.createdBy,
          round.createdAt,
        ).lastInsertRowid,
    );
    const member = statements.get("INSERT OR IGNORE INTO round_members (reviewer, round_id) VALUES (?, ?)");
    for (const reviewer of round.reviewers) member.run(reviewer, id);
    const busy = statements.get(
      `SELECT 1 FROM round_slots s JOIN rounds r ON r.id = s.round_id
       WHERE s.pair_id = ? AND r.closed = 0 AND s.state IN ('open', 'adjudication') AND s.round_id <> ?`,
    );
    const insert = statements.get("INSERT OR IGNORE INTO round_slots (round_id, pair_id, seq, needed) VALUES (?, ?, ?, ?)");
    let skipped = 0;
    round.slots.forEach((slot, seq) => {
      if (busy.get(slot.pairId, id) !== undefined) skipped++;
      else insert.run(id, slot.pairId, seq, Math.max(1, slot.needed));
    });
    return { round: roundById(id)!, skipped };
  });

  const next = db.transaction((reviewer: string, nowMs: number, leaseMs: number, roundId: number | undefined): Lease | null => {
    statements.get("DELETE FROM round_leases WHERE reviewer = ? AND expires_at <= ?").run(reviewer, nowMs);
    const only = roundId === undefined ? "" : " AND l.round_id = ?";
    const held = statements
      .get(
        `SELECT l.round_id, l.pair_id FROM round_leases l JOIN rounds r ON r.id = l.round_id
         JOIN round_slots s ON s.round_id = l.round_id AND s.pair_id = l.pair_id
         WHERE l.reviewer = ? AND r.closed = 0 AND s.state = 'open'${only}
           AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.round_id = l.round_id AND v.pair_id = l.pair_id AND v.reviewer = l.reviewer)
         ORDER BY l.round_id, s.seq LIMIT 1`,
      )
      .get(...(roundId === undefined ? [reviewer] : [reviewer, roundId])) as { round_id: number; pair_id: string } | undefined;
    if (held) return putLease(held.round_id, held.pair_id, reviewer, nowMs + leaseMs);
    // Round by round, each an index walk in hand-out order that stops at the first free pair
    // (one query over all rounds would collect every open slot before sorting them).
    const roundIds = statements
      .get("SELECT m.round_id FROM round_members m JOIN rounds r ON r.id = m.round_id WHERE m.reviewer = ? AND r.closed = 0 ORDER BY m.round_id")
      .pluck()
      .all(reviewer) as number[];
    let free: { round_id: number; pair_id: string } | undefined;
    for (const id of roundIds) {
      if (roundId !== undefined && id !== roundId) continue;
      free = statements
        .get(
          `SELECT s.round_id, s.pair_id FROM round_slots s INDEXED BY round_slots_walk
           WHERE s.round_id = ? AND s.state = 'open'
             AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.round_id = s.round_id AND v.pair_id = s.pair_id AND v.reviewer = ?)
             AND s.votes + (SELECT count(*) FROM round_leases l WHERE l.round_id = s.round_id AND l.pair_id = s.pair_id
                            AND l.reviewer <> ? AND l.expires_at > ?) < s.needed
           ORDER BY s.seq LIMIT 1`,
        )
        .get(id, reviewer, reviewer, nowMs) as { round_id: number; pair_id: string } | undefined;
      if (free) break;
    }
    return free ? putLease(free.round_id, free.pair_id, reviewer, nowMs + leaseMs) : null;
  });

  const renew = db.transaction((roundId: number, pairId: string, reviewer: string, nowMs: number, leaseMs: number): Lease | null => {
    const slot = slotRow(roundId, pairId);
    const round = roundById(roundId);
    if (!slot || !round || round.closed || slot.state !== "open" || !isMember(roundId, reviewer) || hasVoted(roundId, pairId, reviewer)) return null;
    const mine = statements.get("SELECT expires_at FROM round_leases WHERE round_id = ? AND pair_id = ? AND reviewer = ?").pluck().get(roundId, pairId, reviewer) as
      | number
      | undefined;
    // A live lease is simply extended; a lapsed one only if nobody took the room meanwhile.
    if (!(mine !== undefined && mine > nowMs) && slot.votes + othersLeases(roundId, pairId, reviewer, nowMs) >= slot.needed) return null;
    return putLease(roundId, pairId, reviewer, nowMs + leaseMs);
  });

  const vote = db.transaction((request: CastVoteRequest): CastVoteResult => {
    const { roundId, pairId, reviewer } = request;
    const slot = slotRow(roundId, pairId);
    const round = roundById(roundId);
    if (!slot || !round) return { kind: "not_found" };
    if (!isMember(roundId, reviewer)) return { kind: "not_in_pool" };
    if (round.closed || slot.state === "agreed" || slot.state === "resolved") return { kind: "closed" };
    const earlier = statements.get("SELECT version FROM votes WHERE round_id = ? AND pair_id = ? AND reviewer = ?").pluck().get(roundId, pairId, reviewer) as
      | number
      | undefined;
    if (earlier === undefined && slot.votes + othersLeases(roundId, pairId, reviewer, request.nowMs) >= slot.needed) return { kind: "full" };
    const stored: Vote = {
      reviewer,
      status: request.status,
      reasons: request.reasons,
      note: request.note,
      edits: request.edits,
      targets: request.targets,
      granularity: request.importedGranularity,
      at: request.now,
      version: (earlier ?? 0) + 1,
    };
    statements
      .get(
        `INSERT INTO votes (round_id, pair_id, reviewer, status, reasons, note, edits, targets, granularity, at, at_ms, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (round_id, pair_id, reviewer) DO UPDATE SET status = excluded.status, reasons = excluded.reasons, note = excluded.note,
           edits = excluded.edits, targets = excluded.targets, at = excluded.at, at_ms = excluded.at_ms, version = excluded.version`,
      )
      .run(
        roundId,
        pairId,
        reviewer,
        stored.status,
        JSON.stringify(stored.reasons),
        stored.note,
        stored.edits === null ? null : JSON.stringify(stored.edits),
        JSON.stringify(stored.targets),
        stored.granularity,
        stored.at,
        request.nowMs,
        stored.version,
      );
    statements.get("INSERT INTO vote_history (round_id, pair_id, reviewer, at, vote) VALUES (?, ?, ?, ?, ?)").run(roundId, pairId, reviewer, request.now, JSON.stringify(stored));
    statements.get("DELETE FROM round_leases WHERE round_id = ? AND pair_id = ? AND reviewer = ?").run(roundId, pairId, reviewer);
    const votes = slotVotes(roundId, pairId);
    const settled = settleSlot(votes, slot.needed);
    let decision = null;
    if (settled.state === "agreed") {
      const merged = settled.decision;
      decision = writeFinal(pairId, { ...merged, reviewer: finalReviewer(merged.reviewer) }, request.flags, request.granularity, request.now);
    }
    statements.get("UPDATE round_slots SET votes = ?, state = ? WHERE round_id = ? AND pair_id = ?").run(votes.length, settled.state, roundId, pairId);
    return { kind: "voted", vote: stored, state: settled.state, decision };
  });

  const resolve = db.transaction((request: ResolveRequest): ResolveResult => {
    const slot = slotRow(request.roundId, request.pairId);
    if (!slot) return { kind: "not_found" };
    if (slot.state !== "adjudication") return { kind: "not_in_adjudication", state: slotState(slot.state) };
    const decision = writeFinal(request.pairId, { ...request.input, reviewer: request.lead }, request.flags, request.granularity, request.now);
    statements.get("UPDATE round_slots SET state = 'resolved' WHERE round_id = ? AND pair_id = ?").run(request.roundId, request.pairId);
    return { kind: "resolved", decision };
  });

  return {
    create: (round) => write(() => create.immediate(round)),
    list: () =>
      settle(() => (statements.get(`SELECT ${ROUND_COLUMNS} FROM rounds r ORDER BY r.id`).all() as RoundRow[]).map(roundFromRow)),
    get: (id) => settle(() => roundById(id)),
    update: (id, patch) =>
      write(() => {
        if (patch.blind !== undefined) statements.get("UPDATE rounds SET blind = ? WHERE id = ?").run(patch.blind ? 1 : 0, id);
        if (patch.closed !== undefined) statements.get("UPDATE rounds SET closed = ? WHERE id = ?").run(patch.closed ? 1 : 0, id);
        return roundById(id);
      }),
    next: (reviewer, nowMs, leaseMs, roundId) => lightly(() => next.immediate(reviewer, nowMs, leaseMs, roundId)),
    renew: (roundId, pairId, reviewer, nowMs, leaseMs) => lightly(() => renew.immediate(roundId, pairId, reviewer, nowMs, leaseMs)),
    release: (roundId, pairId, reviewer) =>
      lightly(() => void statements.get("DELETE FROM round_leases WHERE round_id = ? AND pair_id = ? AND reviewer = ?").run(roundId, pairId, reviewer)),
    vote: (request) => write(() => vote.immediate(request)),
    resolve: (request) => write(() => resolve.immediate(request)),
    slot: (roundId, pairId) =>
      settle(() => {
        const row = slotRow(roundId, pairId);
        return row ? view(row) : null;
      }),
    votes: (roundId) => settle(() => slotsWithVotes(statements, roundId, "s.votes > 0")),
    adjudication: (roundId) => settle(() => slotsWithVotes(statements, roundId, "s.state = 'adjudication'")),
    counts: (roundId) => settle(() => counts(statements, roundId, roundById(roundId))),
    votesOfSplit: (split) =>
      settle(() => {
        const rows = statements
          .get("SELECT v.* FROM votes v JOIN rounds r ON r.id = v.round_id WHERE r.split = ? ORDER BY v.pair_id, v.round_id, v.at_ms, v.reviewer")
          .all(split) as VoteRow[];
        const out = new Map<string, Vote[]>();
        for (const row of rows) {
          let list = out.get(row.pair_id);
          if (!list) out.set(row.pair_id, (list = []));
          list.push(voteFromRow(row));
        }
        return out;
      }),
  };
}

function slotsWithVotes(statements: StatementCache, roundId: number, where: string): SlotView[] {
  const slots = statements
    .get(`SELECT s.round_id, s.pair_id, s.state, s.needed, s.votes, s.seq FROM round_slots s WHERE s.round_id = ? AND ${where} ORDER BY s.seq`)
    .all(roundId) as SlotRow[];
  const rows = statements
    .get(`SELECT v.* FROM votes v JOIN round_slots s ON s.round_id = v.round_id AND s.pair_id = v.pair_id WHERE v.round_id = ? AND ${where} ORDER BY v.at_ms, v.reviewer`)
    .all(roundId) as VoteRow[];
  const byPair = new Map<string, Vote[]>();
  for (const row of rows) {
    let list = byPair.get(row.pair_id);
    if (!list) byPair.set(row.pair_id, (list = []));
    list.push(voteFromRow(row));
  }
  return slots.map((s) => ({ roundId: Number(s.round_id), pairId: s.pair_id, state: slotState(s.state), needed: s.needed, votes: byPair.get(s.pair_id) ?? [] }));
}

function counts(statements: StatementCache, roundId: number, round: Round | null): RoundCounts | null {
  if (!round) return null;
  const byState = emptyByState();
  let votesNeeded = 0;
  let votesCast = 0;
  const groups = statements
    .get("SELECT state, count(*) AS n, sum(needed) AS needed, sum(votes) AS votes FROM round_slots WHERE round_id = ? GROUP BY state")
    .all(roundId) as { state: string; n: number; needed: number; votes: number }[];
  for (const g of groups) {
    byState[slotState(g.state)] += g.n;
    votesNeeded += g.needed;
    votesCast += g.votes;
  }
  const recent = statements.get("SELECT at_ms FROM votes WHERE round_id = ? AND reviewer = ? ORDER BY at_ms DESC LIMIT 100").pluck();
  const voteCount = statements.get("SELECT count(*) FROM votes WHERE round_id = ? AND reviewer = ?").pluck();
  const reviewers = round.reviewers.map((reviewer) => ({
    reviewer,
    votes: voteCount.get(roundId, reviewer) as number,
    recent: (recent.all(roundId, reviewer) as number[]).reverse(),
  }));
  return { votesNeeded, votesCast, byState, reviewers };
}
