import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../../shared/roles";
import type { Identity } from "./auth/guard";
import { HttpError, errorBody } from "./httpError";
import { roundRoutes } from "./routes/rounds";
import { createTestApp, putDecision, type TestApp } from "./testApp";

/*
 * Review rounds over HTTP in team mode: a lead (lea) makes an overlap-2 round of the tiny fixture
 * (5 pairs) for ann and bob; they take pairs with next, vote blind; agreement writes the final
 * decision, disagreement waits for lea.
 */

let t: TestApp;
let who: Identity = { mode: "team", actor: null };
const as = (name: string, role: Role) => (who = { mode: "team", actor: { name, role } });
const T0 = Date.UTC(2026, 0, 1, 9);
let clock = T0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in this test
type Loose = any;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Loose }> {
  const response = await t.app.request(path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}
const enc = encodeURIComponent;

beforeEach(async () => {
  clock = T0;
  t = await createTestApp({ identify: () => Promise.resolve(who) });
  for (const [name, role] of [["lea", "lead"], ["ann", "reviewer"], ["bob", "reviewer"], ["vic", "viewer"]] as const) {
    await t.store.accounts().addUser({ name, role, passwordHash: "x", now: new Date(T0).toISOString() });
  }
});
afterEach(async () => {
  await t.close();
});

async function makeRound(extra: Record<string, unknown> = {}) {
  as("lea", "lead");
  const created = await call("POST", "/api/rounds", { split: "tiny", overlap: 2, reviewers: ["ann", "bob"], seed: "s", ...extra });
  expect(created.status).toBe(201);
  return created.json.round as { id: number; pairs: number };
}

describe("review rounds over HTTP", () => {
  it("a lead creates a round over a filter; reviewers and viewers may not; unknown or viewer reviewers are refused", async () => {
    as("ann", "reviewer");
    expect((await call("POST", "/api/rounds", { split: "tiny", overlap: 1, reviewers: ["ann"] })).status).toBe(403);
    as("lea", "lead");
    expect((await call("POST", "/api/rounds", { split: "tiny", overlap: 1, reviewers: ["zed"] })).json.error.message).toBe('reviewers: no user named "zed"');
    expect((await call("POST", "/api/rounds", { split: "tiny", overlap: 1, reviewers: ["vic"] })).json.error.message).toBe("reviewers: vic may not vote (viewer)");
    expect((await call("POST", "/api/rounds", { split: "tiny", overlap: 3, reviewers: ["ann", "bob"] })).json.error.message).toBe("overlap: overlap 3 needs at least 3 reviewers in the pool");
    const round = await makeRound({ filter: { granularity: "object" } });
    const all = (await call("GET", "/api/pairs?split=tiny&granularity=object")).json.total as number;
    expect(round.pairs).toBe(all);
    expect(all).toBeGreaterThan(0);
    as("vic", "viewer");
    expect((await call("GET", "/api/rounds")).status).toBe(403);
    as("ann", "reviewer");
    expect((await call("GET", "/api/rounds")).json.rounds.map((r: { id: number }) => r.id)).toEqual([round.id]);
  });

  it("blind votes: hidden from the other reviewer until they vote; agreement makes the final decision", async () => {
    const round = await makeRound();
    as("ann", "reviewer");
    const lease = (await call("POST", "/api/rounds/next", {})).json.lease;
    expect(lease).toMatchObject({ roundId: round.id, pairId: "tiny:1:0" });
    const pair = enc(lease.pairId);
    // A reviewer decides through votes only; even a lead's direct decision waits while the pair is in the round.
    const direct = await putDecision(t.app, lease.pairId, { status: "accepted", reviewer: "ann", baseVersion: 0 });
    expect(direct.status).toBe(403);
    expect(((await direct.json()) as Loose).error.message).toBe("your role (reviewer) may not do this; it needs admin or lead");
    as("lea", "lead");
    const lead = await putDecision(t.app, lease.pairId, { status: "accepted", reviewer: "lea", baseVersion: 0 });
    expect(lead.status).toBe(409);
    expect(((await lead.json()) as Loose).error).toMatchObject({ code: "in_round", message: expect.stringContaining(`this pair is in review round ${round.id}: vote on it there`) });
    expect((await call("GET", `/api/pairs/${pair}`)).json.decision).toBeNull();
    as("ann", "reviewer");
    const first = await call("PUT", `/api/rounds/${round.id}/pairs/${pair}/vote`, { status: "accepted" });
    expect(first.json).toMatchObject({ state: "open", decision: null, vote: { reviewer: "ann" } });
    as("bob", "reviewer");
    expect((await call("POST", "/api/rounds/next", {})).json.lease.pairId).toBe("tiny:1:0");
    const hidden = await call("GET", `/api/rounds/${round.id}/pairs/${pair}/votes`);
    expect(hidden.json).toMatchObject({ count: 1, votes: null, state: "open" });
    const second = await call("PUT", `/api/rounds/${round.id}/pairs/${pair}/vote`, { status: "accepted" });
    expect(second.json).toMatchObject({ state: "agreed", decision: { status: "accepted", reviewer: "ann & bob" } });
    const shown = await call("GET", `/api/rounds/${round.id}/pairs/${pair}/votes`);
    expect(shown.json.votes.map((v: { reviewer: string }) => v.reviewer)).toEqual(["ann", "bob"]);
    expect((await call("GET", `/api/pairs/${pair}`)).json.decision).toMatchObject({ status: "accepted", reviewer: "ann & bob" });
  });

  it("switching blindness off shows votes before voting", async () => {
    const round = await makeRound();
    as("ann", "reviewer");
    await call("PUT", `/api/rounds/${round.id}/pairs/${enc("tiny:1:0")}/vote`, { status: "rejected", reasons: ["ambiguous"] });
    as("lea", "lead");
    expect((await call("PATCH", `/api/rounds/${round.id}`, { blind: false })).json.round.blind).toBe(false);
    as("bob", "reviewer");
    expect((await call("GET", `/api/rounds/${round.id}/pairs/${enc("tiny:1:0")}/votes`)).json.votes).toHaveLength(1);
  });

  it("disagreement goes to adjudication; the lead resolves it; the decision log lists both votes", async () => {
    const round = await makeRound();
    const pair = enc("tiny:1:0");
    as("ann", "reviewer");
    await call("PUT", `/api/rounds/${round.id}/pairs/${pair}/vote`, { status: "accepted" });
    as("bob", "reviewer");
    const second = await call("PUT", `/api/rounds/${round.id}/pairs/${pair}/vote`, { status: "rejected", reasons: ["wrong_target"], note: "the cup, not the mug" });
    expect(second.json).toMatchObject({ state: "adjudication", decision: null });
    expect((await call("GET", `/api/rounds/${round.id}/adjudication`)).status).toBe(403);
    expect((await call("PUT", `/api/rounds/${round.id}/pairs/${pair}/resolve`, { status: "rejected", reasons: ["other"] })).status).toBe(403);
    as("lea", "lead");
    const queue = (await call("GET", `/api/rounds/${round.id}/adjudication`)).json.pairs;
    expect(queue.map((s: { pairId: string; votes: { status: string }[] }) => [s.pairId, s.votes.map((v) => v.status)])).toEqual([["tiny:1:0", ["accepted", "rejected"]]]);
    const resolved = await call("PUT", `/api/rounds/${round.id}/pairs/${pair}/resolve`, { status: "rejected", reasons: ["wrong_target"] });
    expect(resolved.json.decision).toMatchObject({ status: "rejected", reviewer: "lea", reasons: ["wrong_target"] });
    const log = await t.app.request("/api/insights/decision-log?split=tiny");
    const lines = (await log.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ id: "tiny:1:0", status: "rejected", reviewer: "lea" });
    expect(lines[0].votes.map((v: { reviewer: string; status: string }) => [v.reviewer, v.status])).toEqual([
      ["ann", "accepted"],
      ["bob", "rejected"],
    ]);
    const agreement = (await call("GET", `/api/rounds/${round.id}/agreement`)).json.agreement;
    expect(agreement.disagreeing).toEqual(["tiny:1:0"]);
  });

  it("solo mode (no accounts): the request names the reviewer; progress estimates the time left from the pace", async () => {
    // The round routes alone, on a clock the test moves: solo mode, as before accounts.
    const solo = new Hono().route("/api/rounds", roundRoutes({ store: t.store, now: () => new Date(clock) }));
    solo.onError((error, c) => (error instanceof HttpError ? c.json(errorBody(error.code, error.message), error.status) : c.json(errorBody("internal", String(error)), 500)));
    const send = async (method: string, path: string, body?: unknown) => {
      const response = await solo.request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }) });
      return { status: response.status, json: await response.json() };
    };
    const created = await send("POST", "/api/rounds", { split: "tiny", overlap: 2, reviewers: ["ann", "bob"], seed: "s" });
    expect(created.status).toBe(201);
    const id = created.json.round.id as number;
    expect((await send("POST", "/api/rounds/next", {})).json.error.code).toBe("reviewer_required");
    // ann takes and rejects three pairs 30 s apart, bob two pairs 60 s apart.
    for (const [reviewer, gap, count] of [["ann", 30_000, 3], ["bob", 60_000, 2]] as const) {
      for (let k = 0; k < count; k++) {
        clock = T0 + k * gap;
        const lease = (await send("POST", "/api/rounds/next", { reviewer })).json.lease;
        const voted = await send("PUT", `/api/rounds/${id}/pairs/${enc(lease.pairId)}/vote`, { status: "rejected", reasons: ["other"], reviewer });
        expect(voted.status).toBe(200);
      }
    }
    const progress = (await send("GET", `/api/rounds/${id}/progress`)).json;
    // 5 pairs × 2 votes needed, 5 cast; both rejected tiny:1:0 and tiny:1:1, so those two agree.
    expect(progress).toMatchObject({ votesNeeded: 10, votesCast: 5, byState: { open: 3, agreed: 2, adjudication: 0, resolved: 0 } });
    expect(progress.reviewers).toEqual([
      { reviewer: "ann", votes: 3, paceMs: 30_000, lastVoteAt: new Date(T0 + 60_000).toISOString() },
      { reviewer: "bob", votes: 2, paceMs: 60_000, lastVoteAt: new Date(T0 + 60_000).toISOString() },
    ]);
    // 5 votes left at 1/30000 + 1/60000 = 1/20000 votes per ms: 100,000 ms.
    expect(progress.timeLeftMs).toBeCloseTo(100_000, 6);
    expect((await send("GET", "/api/rounds/mine?reviewer=ann")).json.rounds[0]).toMatchObject({ votes: 3, paceMs: 30_000, votesNeeded: 10, votesCast: 5 });
  });
});

describe("comments over HTTP", () => {
  it("a thread per pair with mentions; viewers read but may not write; mentions me finds the pair", async () => {
    as("ann", "reviewer");
    const posted = await call("POST", `/api/comments/pairs/${enc("tiny:1:0")}`, { text: "Left or right mug? @bob <script>x</script>", discussion: true });
    expect(posted.status).toBe(201);
    expect(posted.json.comment).toMatchObject({ author: "ann", mentions: ["bob"], discussion: true, text: "Left or right mug? @bob <script>x</script>" });
    expect((await call("POST", `/api/comments/pairs/${enc("tiny:9:0")}`, { text: "x" })).status).toBe(404);
    expect((await call("POST", `/api/comments/pairs/${enc("tiny:1:0")}`, { text: " " })).json.error.message).toBe("text: a comment needs text");
    as("vic", "viewer");
    expect((await call("POST", `/api/comments/pairs/${enc("tiny:1:0")}`, { text: "me too" })).status).toBe(403);
    expect((await call("GET", `/api/comments/pairs/${enc("tiny:1:0")}`)).json.comments.map((c: { author: string }) => c.author)).toEqual(["ann"]);
    expect((await call("GET", "/api/comments?split=tiny")).json.pairs.map((p: { pairId: string }) => p.pairId)).toEqual(["tiny:1:0"]);
    expect((await call("GET", "/api/comments?split=tiny&mentions=me")).json.pairs).toEqual([]);
    as("bob", "reviewer");
    expect((await call("GET", "/api/comments?split=tiny&mentions=me")).json.pairs).toMatchObject([{ pairId: "tiny:1:0", comments: 1, discussion: true }]);
  });
});
