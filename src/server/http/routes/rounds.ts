import { Hono, type Context } from "hono";
import { z } from "zod";
import { agreementReport } from "../../../shared/agreement";
import { parsePairId, reviewerSchema, type Decision } from "../../../shared/domain";
import { can } from "../../../shared/roles";
import {
  estimateTimeLeftMs,
  medianGapMs,
  roundCreateSchema,
  roundPatchSchema,
  voteInputSchema,
  type Round,
  type RoundProgress,
  type SlotVotes,
} from "../../../shared/rounds";
import { sharedReanalyzer, type Reanalyzer } from "../../review/reanalyzer";
import type { RoundEvent } from "../../../shared/events";
import { createRound } from "../../review/createRound";
import { castVote, resolvePair } from "../../review/vote";
import type { ReviewStore } from "../../storage/store";
import { actorOf, isSolo } from "../auth/actor";
import { HttpError, parseOr400 } from "../httpError";
import { readJsonBody } from "../readBody";

/*
 * Review rounds over HTTP (issue 11). Leads create rounds and follow them (progress, agreement,
 * adjudication); reviewers take pairs with `next`, keep their lease alive while the pair is open,
 * and vote. The route table (auth/routeRoles.ts) says which roles reach each route; here the
 * handlers decide who a reviewer is (the session's user, or in solo mode the `reviewer` the request
 * names) and what a blind round shows them.
 */

/** A lease lasts this long unless renewed; the review screen renews it every minute while open. */
export const LEASE_MS = 5 * 60_000;
const MAX_BODY = 64 * 1024;

export interface RoundRoutesOptions {
  store: ReviewStore;
  /** A final decision was written (agreeing votes or an adjudication): live updates and sync. */
  onSaved?: (split: string, pairId: string, decision: Decision) => void;
  onDecision?: (split: string) => void;
  /** A vote or an adjudication was saved: live updates of the Rounds and adjudication screens. */
  onRound?: (event: Omit<RoundEvent, "type">) => void;
  now?: () => Date;
  /** Where votes and adjudications re-run the checks; the shared worker by default (off the event loop). */
  reanalyzer?: Reanalyzer;
}

const resolveSchema = voteInputSchema;
const nextSchema = z.object({ reviewer: reviewerSchema.optional(), roundId: z.number().int().positive().optional() }).strict();
const soloReviewerSchema = z.object({ reviewer: reviewerSchema.optional() });

function roundIdParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(404, "round_not_found", `no round ${JSON.stringify(raw)}`);
  return id;
}

function pairIdParam(raw: string): string {
  if (!parsePairId(raw)) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(raw)}`);
  return raw;
}

/** Who acts: the signed-in user, or in solo mode the name the request gives. */
function whoIs(c: Context, given: string | undefined): string {
  const actor = actorOf(c);
  if (actor) return actor.name;
  if (given === undefined) throw new HttpError(400, "reviewer_required", "name the reviewer (no accounts on this server: send \"reviewer\")");
  return given;
}

/** Whether the asker may see every round and every vote (a lead, an admin, or solo mode without a name). */
function isLead(c: Context): boolean {
  const actor = actorOf(c);
  return actor ? can(actor.role, "rounds") : isSolo(c);
}

export function roundRoutes({ store, onSaved, onDecision, onRound, now = () => new Date(), reanalyzer = sharedReanalyzer() }: RoundRoutesOptions): Hono {
  const app = new Hono();
  const rounds = () => store.rounds();
  const saved = (split: string, pairId: string, decision: Decision) =>
    setImmediate(() => {
      onSaved?.(split, pairId, decision);
      onDecision?.(split);
    });
  const changed = (event: Omit<RoundEvent, "type">) => {
    if (onRound) setImmediate(() => onRound(event));
  };
  const roundOr404 = async (id: number): Promise<Round> => {
    const round = await rounds().get(id);
    if (!round) throw new HttpError(404, "round_not_found", `no round ${id}`);
    return round;
  };

  app.get("/", async (c) => {
    const all = await rounds().list();
    if (isLead(c) && !c.req.query("reviewer")) return c.json({ rounds: all });
    const me = whoIs(c, c.req.query("reviewer"));
    return c.json({ rounds: all.filter((r) => r.reviewers.includes(me)) });
  });

  app.post("/", async (c) => {
    const input = parseOr400(roundCreateSchema, await readJsonBody(c, MAX_BODY, "the round"), "invalid_round");
    const outcome = await createRound(store, input, { createdBy: actorOf(c)?.name ?? "solo", now: now(), accounts: !isSolo(c) });
    switch (outcome.kind) {
      case "no_split":
        throw new HttpError(404, "split_not_found", `no split ${JSON.stringify(input.split)}`);
      case "invalid_reviewers":
        throw new HttpError(400, "invalid_round", outcome.message);
      case "empty":
        throw new HttpError(400, "empty_round", "the filter matches no pair of the split");
      case "created":
        return c.json({ round: outcome.round, skipped: outcome.skipped }, 201);
    }
  });

  // Before "/:id" routes: fixed words.
  app.post("/next", async (c) => {
    const body = parseOr400(nextSchema, await readJsonBody(c, MAX_BODY, "the request"), "invalid_request");
    const reviewer = whoIs(c, body.reviewer);
    const lease = await rounds().next(reviewer, now().getTime(), LEASE_MS, body.roundId);
    return c.json({ lease });
  });

  app.get("/mine", async (c) => {
    const me = whoIs(c, c.req.query("reviewer"));
    const mine = (await rounds().list()).filter((r) => r.reviewers.includes(me) && !r.closed);
    const out = [];
    for (const round of mine) {
      const counts = await rounds().counts(round.id);
      const own = counts?.reviewers.find((r) => r.reviewer === me);
      out.push({
        round,
        votes: own?.votes ?? 0,
        paceMs: own ? medianGapMs(own.recent) : null,
        votesNeeded: counts?.votesNeeded ?? 0,
        votesCast: counts?.votesCast ?? 0,
      });
    }
    return c.json({ reviewer: me, rounds: out });
  });

  app.patch("/:id", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const patch = parseOr400(roundPatchSchema, await readJsonBody(c, MAX_BODY, "the change"), "invalid_round");
    const round = await rounds().update(id, {
      ...(patch.blind !== undefined ? { blind: patch.blind } : {}),
      ...(patch.closed !== undefined ? { closed: patch.closed } : {}),
    });
    if (!round) throw new HttpError(404, "round_not_found", `no round ${id}`);
    return c.json({ round });
  });

  app.get("/:id/progress", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const round = await roundOr404(id);
    const counts = (await rounds().counts(id))!;
    const reviewers = counts.reviewers.map((r) => ({
      reviewer: r.reviewer,
      votes: r.votes,
      paceMs: medianGapMs(r.recent),
      lastVoteAt: r.recent.length > 0 ? new Date(r.recent.at(-1)!).toISOString() : null,
    }));
    const progress: RoundProgress = {
      round,
      votesNeeded: counts.votesNeeded,
      votesCast: counts.votesCast,
      byState: counts.byState,
      reviewers,
      timeLeftMs: estimateTimeLeftMs(
        reviewers.map((r) => r.paceMs),
        counts.votesNeeded - counts.votesCast,
      ),
    };
    return c.json(progress);
  });

  app.get("/:id/agreement", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const round = await roundOr404(id);
    const slots = await rounds().votes(id);
    return c.json({ round, agreement: agreementReport(slots.map((s) => ({ pairId: s.pairId, votes: s.votes }))) });
  });

  app.get("/:id/adjudication", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const round = await roundOr404(id);
    return c.json({ round, pairs: await rounds().adjudication(id) });
  });

  app.post("/:id/pairs/:pairId/lease", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const pairId = pairIdParam(c.req.param("pairId"));
    const body = parseOr400(soloReviewerSchema, await readJsonBody(c, MAX_BODY, "the request"), "invalid_request");
    const lease = await rounds().renew(id, pairId, whoIs(c, body.reviewer), now().getTime(), LEASE_MS);
    if (!lease) throw new HttpError(409, "lease_lost", "this pair is no longer yours to decide (someone else holds it, or it has its votes); ask for the next one");
    return c.json({ lease });
  });

  app.delete("/:id/pairs/:pairId/lease", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const pairId = pairIdParam(c.req.param("pairId"));
    await rounds().release(id, pairId, whoIs(c, c.req.query("reviewer")));
    return c.body(null, 204);
  });

  app.get("/:id/pairs/:pairId/votes", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const pairId = pairIdParam(c.req.param("pairId"));
    const round = await roundOr404(id);
    const slot = await rounds().slot(id, pairId);
    if (!slot) throw new HttpError(404, "pair_not_found", `pair ${JSON.stringify(pairId)} is not in round ${id}`);
    const asker = actorOf(c)?.name ?? c.req.query("reviewer");
    const lead = isLead(c) && !(isSolo(c) && asker !== undefined);
    const voted = asker !== undefined && slot.votes.some((v) => v.reviewer === asker);
    // Blind: nobody but a lead sees the votes of a pair before casting their own.
    const visible = !round.blind || lead || voted || slot.state === "agreed" || slot.state === "resolved";
    const body: SlotVotes = { roundId: id, pairId, state: slot.state, needed: slot.needed, count: slot.votes.length, votes: visible ? slot.votes : null };
    return c.json(body);
  });

  app.put("/:id/pairs/:pairId/vote", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const pairId = pairIdParam(c.req.param("pairId"));
    const input = parseOr400(voteInputSchema, await readJsonBody(c, MAX_BODY, "the vote"), "invalid_vote");
    const reviewer = whoIs(c, input.reviewer);
    const outcome = await castVote(store, { roundId: id, pairId, reviewer, status: input.status, reasons: input.reasons ?? [], note: input.note ?? "", edits: input.edits ?? null }, now(), reanalyzer);
    switch (outcome.kind) {
      case "not_found":
        throw new HttpError(404, "pair_not_found", `pair ${JSON.stringify(pairId)} is not in round ${id}`);
      case "invalid":
        throw new HttpError(400, "invalid_edits", outcome.message);
      case "not_in_pool":
        throw new HttpError(403, "not_in_round", `${reviewer} is not a reviewer of round ${id}`);
      case "full":
        throw new HttpError(409, "pair_full", "this pair already has its votes or is held by the reviewers who will cast them; ask for the next one");
      case "closed":
        throw new HttpError(409, "pair_closed", "this pair's final decision is made (or the round is closed); votes are no longer taken");
      case "voted":
        if (outcome.decision) saved(outcome.split, pairId, outcome.decision);
        changed({ split: outcome.split, roundId: id, pairId, change: "vote", state: outcome.state, at: outcome.vote.at });
        return c.json({ vote: outcome.vote, state: outcome.state, decision: outcome.decision });
    }
  });

  app.put("/:id/pairs/:pairId/resolve", async (c) => {
    const id = roundIdParam(c.req.param("id"));
    const pairId = pairIdParam(c.req.param("pairId"));
    const input = parseOr400(resolveSchema, await readJsonBody(c, MAX_BODY, "the decision"), "invalid_decision");
    const lead = whoIs(c, input.reviewer);
    const outcome = await resolvePair(store, { roundId: id, pairId, lead, status: input.status, reasons: input.reasons ?? [], note: input.note ?? "", edits: input.edits ?? null }, now(), reanalyzer);
    switch (outcome.kind) {
      case "not_found":
        throw new HttpError(404, "pair_not_found", `pair ${JSON.stringify(pairId)} is not in round ${id}`);
      case "invalid":
        throw new HttpError(400, "invalid_edits", outcome.message);
      case "not_in_adjudication":
        throw new HttpError(409, "not_in_adjudication", `this pair is ${outcome.state}, not waiting for adjudication`);
      case "resolved":
        saved(outcome.split, pairId, outcome.decision);
        changed({ split: outcome.split, roundId: id, pairId, change: "resolved", state: "resolved", at: outcome.decision.updatedAt });
        return c.json({ decision: outcome.decision });
    }
  });

  return app;
}
