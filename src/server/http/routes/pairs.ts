import { Hono } from "hono";
import { z } from "zod";
import { pairFilterSchema, pairListQuerySchema } from "../../../shared/api";
import { decisionInputSchema, parsePairId, type Decision } from "../../../shared/domain";
import { decide } from "../../review/decide";
import { createGroupCommitter } from "../../review/groupCommit";
import { pairView } from "../../review/pairView";
import { sharedReanalyzer, type Reanalyzer } from "../../review/reanalyzer";
import type { ReviewStore } from "../../storage/store";
import { HttpError, errorBody, parseOr400 } from "../httpError";
import { readJsonBody } from "../readBody";
import { actorOf } from "../auth/actor";

/** A decision body is a few KB at most (question ≤ 4,000 chars, answer ≤ 8,000, ≤ 256 targets). */
export const MAX_DECISION_BYTES = 64 * 1024;

const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key must be printable ASCII without spaces");

/** What a 409 reports when the client expected a decision but the pair has none (version 0). */
const NO_DECISION: Decision = { status: "pending", reasons: [], note: "", edits: null, reviewer: "", updatedAt: "", version: 0 };

export interface PairRoutesOptions {
  store: ReviewStore;
  /** Called after a decision was saved (not on replays), once the response is on its way. */
  onDecision?: (split: string) => void;
  /** Called with every saved decision (not replays), after the response (live updates). */
  onSaved?: (split: string, pairId: string, decision: Decision) => void;
  /** Where edited pairs are re-analysed; defaults to the process's worker thread. */
  reanalyzer?: Reanalyzer;
}

function pairIdParam(raw: string): string {
  // Hono decodes the path parameter; a malformed id is simply no pair.
  if (!parsePairId(raw)) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(raw)}`);
  return raw;
}

/**
 * The disagreement order needs a model of the split: a stale link naming a removed model gets a
 * 404 saying which models there are, not an empty queue.
 */
async function assertModel(store: ReviewStore, filter: { sort?: string; split?: string; model?: string }): Promise<void> {
  if (filter.sort !== "disagreement") return;
  if (filter.split === undefined || filter.model === undefined) {
    throw new HttpError(400, "invalid_query", "sort=disagreement needs split and model");
  }
  const models = await store.predictions().listModels(filter.split);
  if (models.some((m) => m.model === filter.model)) return;
  const known = models.length > 0 ? `imported: ${models.map((m) => JSON.stringify(m.model)).join(", ")}` : "none imported";
  throw new HttpError(404, "model_not_found", `no model ${JSON.stringify(filter.model)} for split ${JSON.stringify(filter.split)} (${known})`);
}

export function pairRoutes({ store, onDecision, onSaved, reanalyzer = sharedReanalyzer() }: PairRoutesOptions): Hono {
  const app = new Hono();
  const committer = store.groupCommits ? createGroupCommitter(store) : undefined;

  app.get("/", async (c) => {
    const query = parseOr400(pairListQuerySchema, c.req.query(), "invalid_query");
    await assertModel(store, query);
    return c.json(await store.listPairs(query));
  });

  app.get("/:id", async (c) => {
    const id = pairIdParam(c.req.param("id"));
    const filter = parseOr400(pairFilterSchema, c.req.query(), "invalid_query");
    await assertModel(store, filter);
    const pair = await store.getPair(id, filter);
    if (!pair) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(id)}`);
    return c.json(pairView(pair));
  });

  app.get("/:id/history", async (c) => {
    const id = pairIdParam(c.req.param("id"));
    const history = await store.history(id);
    if (!history) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(id)}`);
    return c.json({ history });
  });

  app.put("/:id/decision", async (c) => {
    const id = pairIdParam(c.req.param("id"));
    // Requiring JSON makes a cross-site form or `text/plain` fetch (no CORS preflight) fail here.
    const body = await readJsonBody(c, MAX_DECISION_BYTES, "the decision");
    const parsed = parseOr400(decisionInputSchema, body, "invalid_decision");
    // Signed in, the decision is the user's whatever name the body types (solo mode keeps it).
    const actor = actorOf(c);
    const input = actor ? { ...parsed, reviewer: actor.name } : parsed;
    const keyHeader = c.req.header("idempotency-key");
    const idempotencyKey = keyHeader === undefined ? undefined : parseOr400(idempotencyKeySchema, keyHeader, "invalid_idempotency_key");

    const outcome = await decide({ store, committer, reanalyzer }, { id, input, ...(idempotencyKey ? { idempotencyKey } : {}) });
    switch (outcome.kind) {
      case "not_found":
        throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(id)}`);
      case "invalid":
        throw new HttpError(400, "invalid_edits", outcome.message);
      case "in_round":
        // A pair of an open review round is decided by its votes (or its adjudication), not directly.
        throw new HttpError(
          409,
          "in_round",
          `this pair is in review round ${outcome.roundId}: vote on it there (PUT /api/rounds/${outcome.roundId}/pairs/…/vote) or let a lead adjudicate it`,
        );
      case "key_reused":
        throw new HttpError(422, "idempotency_key_reused", "this Idempotency-Key was already used on this pair for a different decision");
      case "conflict":
        return c.json(
          {
            ...errorBody("version_conflict", `baseVersion ${input.baseVersion} is stale; the pair was changed meanwhile`),
            current: outcome.current ?? NO_DECISION,
          },
          409,
        );
      case "saved":
        if (!outcome.replayed && onDecision) {
          const split = outcome.split;
          // Live sync runs after the response, never inside the write.
          setImmediate(() => onDecision(split));
        }
        if (!outcome.replayed && onSaved) {
          const saved = [outcome.split, id, outcome.response.decision] as const;
          setImmediate(() => onSaved(...saved));
        }
        if (outcome.replayed) c.header("Idempotent-Replayed", "true");
        return c.json(outcome.response);
    }
  });

  return app;
}
