import { expect, it } from "vitest";
import type { Role } from "../../shared/roles";
import { sseReader } from "../events/sseReader";
import { describeTeamServer } from "./testBackends";

/*
 * Live round events (issue 11) on both stores: a vote, a pair that becomes final or goes to
 * adjudication, and an adjudication each reach a `GET /api/events` stream as a `round` event. On
 * PostgreSQL the bus is LISTEN/NOTIFY, so the event makes the round trip through the database.
 */

describeTeamServer("round events", [["lea", "lead"], ["ann", "reviewer"], ["bob", "reviewer"]], (server) => {
  const as = (name: string, role: Role) => server().as(name, role);
  const call = (method: string, path: string, body?: unknown) => server().call(method, path, body);

  it("a stream hears each vote, the pair going to adjudication, and the lead's decision; never who voted what", async () => {
    as("lea", "lead");
    const created = await call("POST", "/api/rounds", { split: "val", overlap: 2, reviewers: ["ann", "bob"], seed: "s" });
    expect(created.status).toBe(201);
    const roundId = created.json.round.id as number;
    const stream = sseReader((await server().app.request("/api/events?split=val")).body!);
    await stream.next("presence", 10_000);

    as("ann", "reviewer");
    const lease = (await call("POST", "/api/rounds/next", {})).json.lease;
    const pairId = lease.pairId as string;
    const votePath = `/api/rounds/${roundId}/pairs/${encodeURIComponent(pairId)}/vote`;
    expect((await call("PUT", votePath, { status: "accepted" })).status).toBe(200);
    const first = await stream.next("round", 10_000);
    expect(JSON.parse(first.data)).toEqual({ type: "round", split: "val", roundId, pairId, change: "vote", state: "open", at: expect.any(String) });
    // Blind: the event tells that the pair moved, not who voted or how.
    expect(first.data).not.toMatch(/ann|accepted/);

    as("bob", "reviewer");
    expect((await call("POST", "/api/rounds/next", {})).json.lease.pairId).toBe(pairId);
    expect((await call("PUT", votePath, { status: "rejected", reasons: ["other"] })).status).toBe(200);
    expect(JSON.parse((await stream.next("round", 10_000)).data)).toMatchObject({ roundId, pairId, change: "vote", state: "adjudication" });

    as("lea", "lead");
    const resolved = await call("PUT", `/api/rounds/${roundId}/pairs/${encodeURIComponent(pairId)}/resolve`, { status: "rejected", reasons: ["other"] });
    expect(resolved.status).toBe(200);
    expect(JSON.parse((await stream.next("round", 10_000)).data)).toMatchObject({ roundId, pairId, change: "resolved", state: "resolved" });
    expect(JSON.parse((await stream.next("decision", 10_000)).data)).toMatchObject({ pairId, status: "rejected", reviewer: "lea" });
    await stream.cancel();
  }, 60_000);

  it("two agreeing votes: the second event says agreed and the final decision follows; a refused vote sends nothing", async () => {
    as("lea", "lead");
    const roundId = (await call("POST", "/api/rounds", { split: "val", overlap: 2, reviewers: ["ann", "bob"], seed: "s" })).json.round.id as number;
    const stream = sseReader((await server().app.request("/api/events")).body!);
    as("ann", "reviewer");
    const pairId = (await call("POST", "/api/rounds/next", {})).json.lease.pairId as string;
    const votePath = `/api/rounds/${roundId}/pairs/${encodeURIComponent(pairId)}/vote`;
    await call("PUT", votePath, { status: "accepted" });
    as("bob", "reviewer");
    await call("POST", "/api/rounds/next", {});
    await call("PUT", votePath, { status: "accepted" });
    as("lea", "lead");
    // Not in the pool: refused, no event.
    expect((await call("PUT", votePath, { status: "accepted" })).status).toBe(403);
    const states: string[] = [];
    states.push(JSON.parse((await stream.next("round", 10_000)).data).state);
    states.push(JSON.parse((await stream.next("round", 10_000)).data).state);
    expect(states).toEqual(["open", "agreed"]);
    expect(JSON.parse((await stream.next("decision", 10_000)).data)).toMatchObject({ pairId, status: "accepted" });
    expect((await stream.drain(300)).filter((m) => m.event === "round")).toEqual([]);
    await stream.cancel();
  }, 60_000);
});
