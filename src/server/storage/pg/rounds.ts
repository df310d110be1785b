import type pg from "pg";
import { settleSlot, type Lease, type Round, type Vote } from "../../../shared/rounds";
import { ROUND_COLUMNS, emptyByState, finalReviewer, roundFromRow, slotState, voteFromRow, type RoundRow, type SlotRow, type VoteRow } from "../roundRows";
import type { CastVoteRequest, CastVoteResult, NewRound, ResolveRequest, ResolveResult, RoundCounts, RoundStore, SaveDecisionRequest, SlotView } from "../store";
import { inTransaction, lockImagesOfPairs, lockPair, writeDecision } from "./decisionWrite";
import { BusyError } from "../errors";
import { IMPORT_LOCK } from "./splitImport";

/**
 * Votes and adjudications may write a final decision: like decisions (pgStore's writeTransaction),
 * they wait for no import (BusyError, a 503, while one runs) by taking IMPORT_LOCK shared first, so
 * none is analysed against a record an import is replacing, and none locks rows the import deletes.
 */
async function noImportRunning(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock_shared(${IMPORT_LOCK}) AS ok`);
  if (rows[0]?.ok !== true) throw new BusyError("an import is in progress on this database; try again when it has finished");
}

/*
 * Rounds on PostgreSQL, shared by any number of server processes. Every lease and vote write locks
 * its slot row (`FOR UPDATE`) first and only then counts the slot's votes and live leases in a new
 * statement, which (READ COMMITTED) sees everything committed by whoever held the lock before: so
 * the room check and the write it guards cannot interleave with another server's. `next` walks
 * candidate slots with `FOR UPDATE SKIP LOCKED`, so concurrent reviewers take different pairs
 * instead of queueing on the same one.
 */

const iso = (ms: number) => new Date(ms).toISOString();
const CANDIDATES = 16;

type Client = pg.ClientBase;


async function one<T extends pg.QueryResultRow>(client: Client | pg.Pool, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await client.query<T>(sql, params)).rows[0];
}

async function roundById(client: Client | pg.Pool, id: number): Promise<Round | null> {
  const row = await one<RoundRow>(client, `SELECT ${ROUND_COLUMNS} FROM rounds r WHERE r.id = $1`, [id]);
  return row ? roundFromRow(row) : null;
}

async function lockSlot(client: Client, roundId: number, pairId: string, skipLocked = false): Promise<SlotRow | undefined> {
  return one<SlotRow>(
    client,
    `SELECT round_id, pair_id, state, needed, votes, seq FROM round_slots WHERE round_id = $1 AND pair_id = $2 FOR UPDATE${skipLocked ? " SKIP LOCKED" : ""}`,
    [roundId, pairId],
  );
}

async function othersLeases(client: Client, roundId: number, pairId: string, reviewer: string, nowMs: number): Promise<number> {
  const row = await one<{ n: number }>(
    client,
    "SELECT count(*) AS n FROM round_leases WHERE round_id = $1 AND pair_id = $2 AND reviewer <> $3 AND expires_at > $4",
    [roundId, pairId, reviewer, nowMs],
  );
  return Number(row?.n ?? 0);
}

async function hasVoted(client: Client, roundId: number, pairId: string, reviewer: string): Promise<boolean> {
  return (await one(client, "SELECT 1 FROM votes WHERE round_id = $1 AND pair_id = $2 AND reviewer = $3", [roundId, pairId, reviewer])) !== undefined;
}

async function isMember(client: Client, roundId: number, reviewer: string): Promise<boolean> {
  return (await one(client, "SELECT 1 FROM round_members WHERE reviewer = $1 AND round_id = $2", [reviewer, roundId])) !== undefined;
}

async function putLease(client: Client, roundId: number, pairId: string, reviewer: string, expiresAt: number): Promise<Lease> {
  await client.query(
    `INSERT INTO round_leases (round_id, pair_id, reviewer, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (round_id, pair_id, reviewer) DO UPDATE SET expires_at = excluded.expires_at`,
    [roundId, pairId, reviewer, expiresAt],
  );
  return { roundId: Number(roundId), pairId, expiresAt: iso(expiresAt) };
}

async function slotVotes(client: Client | pg.Pool, roundId: number, pairId: string): Promise<Vote[]> {
  const { rows } = await client.query<VoteRow>("SELECT * FROM votes WHERE round_id = $1 AND pair_id = $2 ORDER BY at_ms, reviewer", [roundId, pairId]);
  return rows.map(voteFromRow);
}

async function writeFinal(
  client: Client,
  pairId: string,
  input: Omit<SaveDecisionRequest["input"], "baseVersion">,
  flags: SaveDecisionRequest["flags"],
  granularity: SaveDecisionRequest["granularity"],
  now: string,
) {
  // Image and pair rows first, as every decision write locks them: the same lock order, no deadlock.
  const pair = await lockPair(client, pairId);
  if (!pair) throw new Error(`store is inconsistent: the pair ${pairId} of a round is gone`);
  const baseVersion = pair.current?.version ?? 0;
  // Its tally moves go in its own statement, the transaction's last lock: nothing after the final
  // decision in these transactions locks more rows.
  const result = await writeDecision(client, { id: pairId, input: { ...input, baseVersion }, flags, granularity, now }, null, { locked: pair, roundFinal: true });
  if (result.kind !== "saved") throw new Error(`store is inconsistent: the final decision of ${pairId} could not be written (${result.kind})`);
  return result.decision;
}

async function slotsWithVotes(pool: pg.Pool, roundId: number, where: string): Promise<SlotView[]> {
  const slots = await pool.query<SlotRow>(
    `SELECT s.round_id, s.pair_id, s.state, s.needed, s.votes, s.seq FROM round_slots s WHERE s.round_id = $1 AND ${where} ORDER BY s.seq`,
    [roundId],
  );
  const votes = await pool.query<VoteRow>(
    `SELECT v.* FROM votes v JOIN round_slots s ON s.round_id = v.round_id AND s.pair_id = v.pair_id WHERE v.round_id = $1 AND ${where} ORDER BY v.at_ms, v.reviewer`,
    [roundId],
  );
  const byPair = new Map<string, Vote[]>();
  for (const row of votes.rows) {
    let list = byPair.get(row.pair_id);
    if (!list) byPair.set(row.pair_id, (list = []));
    list.push(voteFromRow(row));
  }
  return slots.rows.map((s) => ({ roundId: Number(s.round_id), pairId: s.pair_id, state: slotState(s.state), needed: s.needed, votes: byPair.get(s.pair_id) ?? [] }));
}

export function createPgRounds(pool: pg.Pool): RoundStore {
  return {
    create: (round: NewRound) =>
      inTransaction(pool, async (client) => {
        // Two leads creating rounds at once over the same pairs: one after the other, so the second
        // sees the first's slots and leaves those pairs out.
        await client.query("SELECT pg_advisory_xact_lock(7262011)");
        const inserted = await one<{ id: number }>(
          client,
          `INSERT INTO rounds (name, split, filter, overlap, share, seed, blind, reviewers, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [round.name, round.split, JSON.stringify(round.filter), round.overlap, round.share, round.seed, round.blind, JSON.stringify(round.reviewers), round.createdBy, round.createdAt],
        );
        const id = Number(inserted!.id);
        await lockImagesOfPairs(client, round.slots.map((s) => s.pairId));
        await client.query("INSERT INTO round_members (reviewer, round_id) SELECT DISTINCT unnest($1::text[]), $2::int ON CONFLICT DO NOTHING", [round.reviewers, id]);
        let added = 0;
        const CHUNK = 10_000;
        for (let start = 0; start < round.slots.length; start += CHUNK) {
          const chunk = round.slots.slice(start, start + CHUNK);
          const result = await client.query(
            `INSERT INTO round_slots (round_id, pair_id, seq, needed)
             SELECT $1::int, u.pair_id, u.seq, greatest(1, u.needed) FROM unnest($2::text[], $3::int[], $4::int[]) AS u(pair_id, seq, needed)
             WHERE NOT EXISTS (SELECT 1 FROM round_slots s JOIN rounds r ON r.id = s.round_id
                               WHERE s.pair_id = u.pair_id AND NOT r.closed AND s.state IN ('open', 'adjudication') AND s.round_id <> $1::int)
             ON CONFLICT DO NOTHING`,
            [id, chunk.map((s) => s.pairId), chunk.map((_, i) => start + i), chunk.map((s) => s.needed)],
          );
          added += result.rowCount ?? 0;
        }
        return { round: (await roundById(client, id))!, skipped: round.slots.length - added };
      }),

    list: async () => (await pool.query<RoundRow>(`SELECT ${ROUND_COLUMNS} FROM rounds r ORDER BY r.id`)).rows.map(roundFromRow),
    get: (id) => roundById(pool, id),
    update: async (id, patch) => {
      if (patch.blind !== undefined) await pool.query("UPDATE rounds SET blind = $1 WHERE id = $2", [patch.blind, id]);
      if (patch.closed !== undefined) await pool.query("UPDATE rounds SET closed = $1 WHERE id = $2", [patch.closed, id]);
      return roundById(pool, id);
    },

    next: (reviewer, nowMs, leaseMs, roundId) =>
      inTransaction(pool, async (client) => {
        await client.query("DELETE FROM round_leases WHERE reviewer = $1 AND expires_at <= $2", [reviewer, nowMs]);
        const onlyHeld = roundId === undefined ? "" : " AND l.round_id = $2";
        const held = await one<{ round_id: number; pair_id: string }>(
          client,
          `SELECT l.round_id, l.pair_id FROM round_leases l JOIN rounds r ON r.id = l.round_id
           JOIN round_slots s ON s.round_id = l.round_id AND s.pair_id = l.pair_id
           WHERE l.reviewer = $1 AND NOT r.closed AND s.state = 'open'${onlyHeld}
             AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.round_id = l.round_id AND v.pair_id = l.pair_id AND v.reviewer = l.reviewer)
           ORDER BY l.round_id, s.seq LIMIT 1`,
          roundId === undefined ? [reviewer] : [reviewer, roundId],
        );
        if (held) {
          // Lock the slot so a concurrent vote on it sees this lease, then extend.
          await lockSlot(client, held.round_id, held.pair_id);
          return putLease(client, held.round_id, held.pair_id, reviewer, nowMs + leaseMs);
        }
        // Round by round, each an index walk in hand-out order (see the SQLite store).
        const rounds = await client.query<{ round_id: number }>(
          "SELECT m.round_id FROM round_members m JOIN rounds r ON r.id = m.round_id WHERE m.reviewer = $1 AND NOT r.closed ORDER BY m.round_id",
          [reviewer],
        );
        for (const { round_id: id } of rounds.rows) {
          if (roundId !== undefined && Number(id) !== roundId) continue;
          const tried: string[] = [];
          for (;;) {
            const { rows } = await client.query<{ round_id: number; pair_id: string }>(
              `SELECT s.round_id, s.pair_id FROM round_slots s
               WHERE s.round_id = $1 AND s.state = 'open'
                 AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.round_id = s.round_id AND v.pair_id = s.pair_id AND v.reviewer = $2)
                 AND s.votes + (SELECT count(*) FROM round_leases l WHERE l.round_id = s.round_id AND l.pair_id = s.pair_id
                                AND l.reviewer <> $2 AND l.expires_at > $3) < s.needed
                 AND NOT (s.pair_id = ANY($4::text[]))
               ORDER BY s.seq LIMIT ${CANDIDATES}`,
              [id, reviewer, nowMs, tried],
            );
            if (rows.length === 0) break;
            for (const candidate of rows) {
              tried.push(candidate.pair_id);
              const slot = await lockSlot(client, candidate.round_id, candidate.pair_id, true);
              if (!slot || slot.state !== "open") continue; // another server holds it: try the next one
              // Under the lock, a fresh statement sees every lease and vote committed before it.
              if (await hasVoted(client, slot.round_id, slot.pair_id, reviewer)) continue;
              if (slot.votes + (await othersLeases(client, slot.round_id, slot.pair_id, reviewer, nowMs)) >= slot.needed) continue;
              return putLease(client, slot.round_id, slot.pair_id, reviewer, nowMs + leaseMs);
            }
          }
        }
        return null;
      }),

    renew: (roundId, pairId, reviewer, nowMs, leaseMs) =>
      inTransaction(pool, async (client) => {
        const slot = await lockSlot(client, roundId, pairId);
        const round = await roundById(client, roundId);
        if (!slot || !round || round.closed || slot.state !== "open" || !(await isMember(client, roundId, reviewer)) || (await hasVoted(client, roundId, pairId, reviewer))) {
          return null;
        }
        const mine = await one<{ expires_at: number }>(client, "SELECT expires_at FROM round_leases WHERE round_id = $1 AND pair_id = $2 AND reviewer = $3", [
          roundId,
          pairId,
          reviewer,
        ]);
        const live = mine !== undefined && Number(mine.expires_at) > nowMs;
        if (!live && slot.votes + (await othersLeases(client, roundId, pairId, reviewer, nowMs)) >= slot.needed) return null;
        return putLease(client, roundId, pairId, reviewer, nowMs + leaseMs);
      }),

    release: async (roundId, pairId, reviewer) => {
      await pool.query("DELETE FROM round_leases WHERE round_id = $1 AND pair_id = $2 AND reviewer = $3", [roundId, pairId, reviewer]);
    },

    vote: (request: CastVoteRequest) =>
      inTransaction(pool, async (client): Promise<CastVoteResult> => {
        await noImportRunning(client);
        const { roundId, pairId, reviewer } = request;
        const slot = await lockSlot(client, roundId, pairId);
        const round = await roundById(client, roundId);
        if (!slot || !round) return { kind: "not_found" };
        if (!(await isMember(client, roundId, reviewer))) return { kind: "not_in_pool" };
        if (round.closed || slot.state === "agreed" || slot.state === "resolved") return { kind: "closed" };
        const earlier = await one<{ version: number }>(client, "SELECT version FROM votes WHERE round_id = $1 AND pair_id = $2 AND reviewer = $3", [roundId, pairId, reviewer]);
        if (earlier === undefined && slot.votes + (await othersLeases(client, roundId, pairId, reviewer, request.nowMs)) >= slot.needed) return { kind: "full" };
        const stored: Vote = {
          reviewer,
          status: request.status,
          reasons: request.reasons,
          note: request.note,
          edits: request.edits,
          targets: request.targets,
          granularity: request.importedGranularity,
          at: request.now,
          version: (earlier?.version ?? 0) + 1,
        };
        await client.query(
          `INSERT INTO votes (round_id, pair_id, reviewer, status, reasons, note, edits, targets, granularity, at, at_ms, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (round_id, pair_id, reviewer) DO UPDATE SET status = excluded.status, reasons = excluded.reasons, note = excluded.note,
             edits = excluded.edits, targets = excluded.targets, at = excluded.at, at_ms = excluded.at_ms, version = excluded.version`,
          [
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
          ],
        );
        await client.query("INSERT INTO vote_history (round_id, pair_id, reviewer, at, vote) VALUES ($1, $2, $3, $4, $5)", [roundId, pairId, reviewer, request.now, JSON.stringify(stored)]);
        await client.query("DELETE FROM round_leases WHERE round_id = $1 AND pair_id = $2 AND reviewer = $3", [roundId, pairId, reviewer]);
        const votes = await slotVotes(client, roundId, pairId);
        const settled = settleSlot(votes, slot.needed);
        let decision = null;
        if (settled.state === "agreed") {
          const merged = settled.decision;
          decision = await writeFinal(client, pairId, { ...merged, reviewer: finalReviewer(merged.reviewer) }, request.flags, request.granularity, request.now);
        }
        await client.query("UPDATE round_slots SET votes = $1, state = $2 WHERE round_id = $3 AND pair_id = $4", [votes.length, settled.state, roundId, pairId]);
        return { kind: "voted", vote: stored, state: settled.state, decision };
      }),

    resolve: (request: ResolveRequest) =>
      inTransaction(pool, async (client): Promise<ResolveResult> => {
        await noImportRunning(client);
        const slot = await lockSlot(client, request.roundId, request.pairId);
        if (!slot) return { kind: "not_found" };
        if (slot.state !== "adjudication") return { kind: "not_in_adjudication", state: slotState(slot.state) };
        const decision = await writeFinal(client, request.pairId, { ...request.input, reviewer: request.lead }, request.flags, request.granularity, request.now);
        await client.query("UPDATE round_slots SET state = 'resolved' WHERE round_id = $1 AND pair_id = $2", [request.roundId, request.pairId]);
        return { kind: "resolved", decision };
      }),

    slot: async (roundId, pairId) => {
      const row = await one<SlotRow>(pool, "SELECT round_id, pair_id, state, needed, votes, seq FROM round_slots WHERE round_id = $1 AND pair_id = $2", [roundId, pairId]);
      if (!row) return null;
      return { roundId: Number(row.round_id), pairId: row.pair_id, state: slotState(row.state), needed: row.needed, votes: await slotVotes(pool, roundId, pairId) };
    },


    votes: (roundId) => slotsWithVotes(pool, roundId, "s.votes > 0"),
    adjudication: (roundId) => slotsWithVotes(pool, roundId, "s.state = 'adjudication'"),

    counts: async (roundId): Promise<RoundCounts | null> => {
      const round = await roundById(pool, roundId);
      if (!round) return null;
      const byState = emptyByState();
      let votesNeeded = 0;
      let votesCast = 0;
      const groups = await pool.query<{ state: string; n: number; needed: number; votes: number }>(
        "SELECT state, count(*) AS n, sum(needed) AS needed, sum(votes) AS votes FROM round_slots WHERE round_id = $1 GROUP BY state",
        [roundId],
      );
      for (const g of groups.rows) {
        byState[slotState(g.state)] += Number(g.n);
        votesNeeded += Number(g.needed);
        votesCast += Number(g.votes);
      }
      const reviewers = [];
      for (const reviewer of round.reviewers) {
        const count = await one<{ n: number }>(pool, "SELECT count(*) AS n FROM votes WHERE round_id = $1 AND reviewer = $2", [roundId, reviewer]);
        const recent = await pool.query<{ at_ms: number }>("SELECT at_ms FROM votes WHERE round_id = $1 AND reviewer = $2 ORDER BY at_ms DESC LIMIT 100", [roundId, reviewer]);
        reviewers.push({ reviewer, votes: Number(count?.n ?? 0), recent: recent.rows.map((r) => Number(r.at_ms)).reverse() });
      }
      return { votesNeeded, votesCast, byState, reviewers };
    },

    votesOfSplit: async (split) => {
      const { rows } = await pool.query<VoteRow>(
        "SELECT v.* FROM votes v JOIN rounds r ON r.id = v.round_id WHERE r.split = $1 ORDER BY v.pair_id, v.round_id, v.at_ms, v.reviewer",
        [split],
      );
      const out = new Map<string, Vote[]>();
      for (const row of rows) {
        let list = out.get(row.pair_id);
        if (!list) out.set(row.pair_id, (list = []));
        list.push(voteFromRow(row));
      }
      return out;
    },
  };
}
