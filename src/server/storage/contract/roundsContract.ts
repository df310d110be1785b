import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Decision, HistoryEntry } from "../../../shared/domain";
import type { PairList, PairListQuery } from "../../../shared/api";
import type { BatchDecisionResult, CastVoteRequest, CommentStore, DecisionLogEntry, PairContext, RoundStore, SaveDecisionRequest, SaveDecisionResult } from "../store";

/*
 * What every RoundStore owes the app (issue 11), run on SQLite (sqlite/rounds.test.ts) and
 * PostgreSQL (pg/rounds.test.ts). The harness imports fixtureRecords(5) as split "val" (17 pairs)
 * and gives two RoundStores on the same database, as two server processes would have.
 */

export interface RoundsHarness {
  rounds: RoundStore;
  comments: CommentStore;
  /** The same database through another connection (another server process). */
  other: RoundStore;
  /** The split's pair ids in dataset order. */
  pairIds: string[];
  history(id: string): Promise<HistoryEntry[] | null>;
  decisionLog(split: string): AsyncIterable<DecisionLogEntry>;
  /** The store's pair list (the queue), to check the comment filters. */
  listPairs(query: PairListQuery): Promise<PairList>;
  /** The store's pair context (what a direct decision reads first). */
  getPairContext(id: string): Promise<PairContext | null>;
  /** The store's direct decision writes (what PUT …/decision does after its checks). */
  saveDecision(request: SaveDecisionRequest): Promise<SaveDecisionResult>;
  saveDecisions(requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]>;
  cleanup(): Promise<void>;
}

const LEASE = 1_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

/** A round of split "val" over `pairIds`, made by lea at the contract's time zero. */
export function newRound(pairIds: readonly string[], needed: number | number[], reviewers: string[], name = "r") {
  return {
    name,
    split: "val",
    filter: { status: "pending" },
    overlap: Array.isArray(needed) ? Math.max(...needed) : needed,
    share: 1,
    seed: "s",
    blind: true,
    reviewers,
    createdBy: "lea",
    createdAt: at(0),
    slots: pairIds.map((pairId, i) => ({ pairId, needed: Array.isArray(needed) ? needed[i]! : needed })),
  };
}

function ballot(roundId: number, pairId: string, reviewer: string, status: "accepted" | "rejected", ms: number, extra: Partial<CastVoteRequest> = {}): CastVoteRequest {
  return {
    roundId,
    pairId,
    reviewer,
    status,
    reasons: status === "rejected" ? ["other"] : [],
    note: "",
    edits: null,
    targets: [0],
    flags: [],
    granularity: "object",
    importedGranularity: "object",
    now: at(ms),
    nowMs: Date.UTC(2026, 0, 1) + ms,
    ...extra,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const t0 = Date.UTC(2026, 0, 1);

export function describeRoundsContract(name: string, open: () => Promise<RoundsHarness>): void {
  describe(`RoundStore contract: ${name}`, () => {
    let h: RoundsHarness;
    let rounds: RoundStore;
    let p: string[];

    beforeEach(async () => {
      h = await open();
      rounds = h.rounds;
      p = h.pairIds;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it("creates rounds; a pair in an unfinished slot of an open round is not put in a second one", async () => {
      expect(p).toHaveLength(17);
      const { round, skipped } = await rounds.create(newRound(p.slice(0, 3), 2, ["ann", "bob", "cat"], "first"));
      expect(skipped).toBe(0);
      expect(round).toMatchObject({ name: "first", split: "val", overlap: 2, blind: true, reviewers: ["ann", "bob", "cat"], pairs: 3, closed: false, createdBy: "lea" });
      const second = await rounds.create(newRound(p.slice(0, 5), 1, ["ann"], "second"));
      expect(second.skipped).toBe(3);
      expect(second.round.pairs).toBe(2);
      expect((await rounds.list()).map((r) => [r.name, r.pairs])).toEqual([
        ["first", 3],
        ["second", 2],
      ]);
      expect(await rounds.get(round.id)).toEqual(round);
      expect(await rounds.get(9999)).toBeNull();
      expect((await rounds.update(round.id, { blind: false }))?.blind).toBe(false);
    });

    it("two rounds created at once over the same pairs (two servers) share none of them", async () => {
      const [a, b] = await Promise.all([h.rounds.create(newRound(p.slice(0, 6), 1, ["ann"], "a")), h.other.create(newRound(p.slice(3, 9), 1, ["bob"], "b"))]);
      // p3..p5 are in both requests: exactly one round holds each.
      expect(a.round.pairs + b.round.pairs).toBe(9);
      expect(a.skipped + b.skipped).toBe(3);
    });

    it("hands an overlap-2 pair to two reviewers and a third to the next pair; asking again returns the held pair", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 3), 2, ["ann", "bob", "cat"]));
      expect(await rounds.next("ann", t0, LEASE)).toEqual({ roundId: round.id, pairId: p[0], expiresAt: at(LEASE) });
      expect((await rounds.next("ann", t0 + 10, LEASE))?.pairId).toBe(p[0]);
      expect((await rounds.next("bob", t0 + 20, LEASE))?.pairId).toBe(p[0]);
      expect((await rounds.next("cat", t0 + 30, LEASE))?.pairId).toBe(p[1]);
      expect(await rounds.next("dan", t0 + 40, LEASE)).toBeNull(); // not in the pool
    });

    it("never hands an overlap-1 pair to two people at once; an expired lease returns the pair", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 3), 1, ["ann", "bob"]));
      expect((await rounds.next("ann", t0, LEASE))?.pairId).toBe(p[0]);
      expect((await rounds.next("bob", t0 + 500, LEASE))?.pairId).toBe(p[1]);
      // Both leases lapsed (ann's tab was closed): bob's next starts again from the first free pair.
      expect((await rounds.next("bob", t0 + 1_600, LEASE))?.pairId).toBe(p[0]);
      // ann's renew fails (bob holds it now); bob's extends his lease.
      expect(await rounds.renew(round.id, p[0]!, "ann", t0 + 1_700, LEASE)).toBeNull();
      expect(await rounds.renew(round.id, p[0]!, "bob", t0 + 1_700, LEASE)).toEqual({ roundId: round.id, pairId: p[0], expiresAt: at(1_700 + LEASE) });
      // A vote on a pair someone else holds is refused while their lease lives.
      expect((await rounds.vote(ballot(round.id, p[0]!, "ann", "accepted", 1_800))).kind).toBe("full");
      await rounds.release(round.id, p[0]!, "bob");
      expect((await rounds.vote(ballot(round.id, p[0]!, "ann", "accepted", 1_900))).kind).toBe("voted");
    });

    it("concurrent next calls from two server processes hand out distinct overlap-1 pairs", async () => {
      const reviewers = ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"];
      await rounds.create(newRound(p, 1, reviewers));
      const leases = await Promise.all(reviewers.map((r, i) => (i % 2 === 0 ? h.rounds : h.other).next(r, t0, 60_000)));
      const ids = leases.map((l) => l?.pairId);
      expect(ids.every((id) => id !== undefined)).toBe(true);
      expect(new Set(ids).size).toBe(reviewers.length);
    });

    it("agreeing votes write the final decision (with history and the decision log); the log's votes are kept", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 2), 2, ["ann", "bob", "cat"]));
      const first = await rounds.vote(ballot(round.id, p[0]!, "ann", "rejected", 100, { reasons: ["ambiguous"] }));
      expect(first).toMatchObject({ kind: "voted", state: "open", decision: null, vote: { reviewer: "ann", version: 1 } });
      expect(await h.history(p[0]!)).toEqual([]);
      const second = await rounds.vote(ballot(round.id, p[0]!, "bob", "rejected", 200, { reasons: ["other", "ambiguous"] }));
      expect(second.kind).toBe("voted");
      if (second.kind !== "voted") return;
      expect(second.state).toBe("agreed");
      expect(second.decision).toMatchObject({ status: "rejected", reasons: ["ambiguous", "other"], reviewer: "ann & bob", version: 1 } satisfies Partial<Decision>);
      expect((await h.history(p[0]!))?.map((e) => e.after.reviewer)).toEqual(["ann & bob"]);
      expect((await collect(h.decisionLog("val"))).map((e) => e.id)).toEqual([p[0]]);
      expect((await rounds.votesOfSplit("val")).get(p[0]!)?.map((v) => [v.reviewer, v.reasons])).toEqual([
        ["ann", ["ambiguous"]],
        ["bob", ["other", "ambiguous"]],
      ]);
      // The pair is finished: a third vote is refused, and it no longer blocks direct decisions.
      expect((await rounds.vote(ballot(round.id, p[0]!, "cat", "accepted", 300))).kind).toBe("closed");
      // A direct decision reads the pair's open round with the pair.
      expect((await h.getPairContext(p[0]!))?.activeRound).toBeNull();
      expect((await h.getPairContext(p[1]!))?.activeRound).toBe(round.id);
      // And the write reads it again under its lock (a round made after the caller's check): refused, nothing written.
      const direct = { input: { status: "accepted" as const, reviewer: "dan", baseVersion: 0 }, flags: [], granularity: "object" as const, now: "2026-01-01T00:00:00.000Z" };
      expect(await h.saveDecision({ id: p[1]!, ...direct })).toEqual({ kind: "in_round", roundId: round.id });
      expect(await h.saveDecisions([{ id: p[1]!, ...direct }])).toEqual([{ kind: "in_round", roundId: round.id }]);
      expect(await h.history(p[1]!)).toEqual([]);
      expect((await h.getPairContext(p[1]!))?.decision).toBeNull();
      // The finished pair takes direct decisions again.
      expect(await h.saveDecision({ id: p[0]!, ...direct, input: { ...direct.input, baseVersion: 1 } })).toMatchObject({ kind: "saved" });
    });

    it("disagreeing votes go to adjudication, where the lead's decision is final", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 2), 2, ["ann", "bob"]));
      await rounds.vote(ballot(round.id, p[1]!, "ann", "accepted", 100));
      // Same status, other edits: still a disagreement.
      const second = await rounds.vote(ballot(round.id, p[1]!, "bob", "accepted", 200, { edits: { targets: [1] }, targets: [1] }));
      expect(second).toMatchObject({ kind: "voted", state: "adjudication", decision: null });
      expect(await h.history(p[1]!)).toEqual([]);
      const queue = await rounds.adjudication(round.id);
      expect(queue.map((s) => [s.pairId, s.votes.map((v) => v.reviewer)])).toEqual([[p[1], ["ann", "bob"]]]);
      expect((await h.getPairContext(p[1]!))?.activeRound).toBe(round.id);
      const resolved = await rounds.resolve({
        roundId: round.id,
        pairId: p[1]!,
        lead: "lea",
        input: { status: "accepted", edits: { targets: [1] } },
        flags: [],
        granularity: "object",
        now: at(300),
      });
      expect(resolved).toMatchObject({ kind: "resolved", decision: { status: "accepted", reviewer: "lea", edits: { targets: [1] } } });
      expect((await rounds.slot(round.id, p[1]!))?.state).toBe("resolved");
      expect(await rounds.adjudication(round.id)).toEqual([]);
      expect(await rounds.resolve({ roundId: round.id, pairId: p[1]!, lead: "lea", input: { status: "rejected", reasons: ["other"] }, flags: [], granularity: "object", now: at(400) })).toEqual({
        kind: "not_in_adjudication",
        state: "resolved",
      });
      expect((await rounds.resolve({ roundId: round.id, pairId: p[5]!, lead: "lea", input: { status: "accepted" }, flags: [], granularity: "object", now: at(400) })).kind).toBe("not_found");
    });

    it("a changed vote keeps its history (version 2) and a vote outside the pool is refused", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 1), 2, ["ann", "bob"]));
      await rounds.vote(ballot(round.id, p[0]!, "ann", "accepted", 100));
      const changed = await rounds.vote(ballot(round.id, p[0]!, "ann", "rejected", 200));
      expect(changed).toMatchObject({ kind: "voted", state: "open", vote: { version: 2, status: "rejected" } });
      const slot = await rounds.slot(round.id, p[0]!);
      expect(slot).toMatchObject({ state: "open", needed: 2 });
      expect(slot?.votes.map((v) => [v.reviewer, v.status])).toEqual([["ann", "rejected"]]);
      expect((await rounds.vote(ballot(round.id, p[0]!, "eve", "accepted", 300))).kind).toBe("not_in_pool");
      expect((await rounds.vote(ballot(round.id + 1, p[0]!, "ann", "accepted", 300))).kind).toBe("not_found");
    });

    it("counts votes needed and cast, slots by state, and each reviewer's vote times", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 4), [2, 1, 1, 2], ["ann", "bob"]));
      await rounds.vote(ballot(round.id, p[0]!, "ann", "accepted", 1_000));
      await rounds.vote(ballot(round.id, p[0]!, "bob", "rejected", 2_000));
      await rounds.vote(ballot(round.id, p[1]!, "ann", "accepted", 4_000));
      const counts = await rounds.counts(round.id);
      expect(counts).toEqual({
        votesNeeded: 6,
        votesCast: 3,
        byState: { open: 2, agreed: 1, adjudication: 1, resolved: 0 },
        reviewers: [
          { reviewer: "ann", votes: 2, recent: [t0 + 1_000, t0 + 4_000] },
          { reviewer: "bob", votes: 1, recent: [t0 + 2_000] },
        ],
      });
      expect((await rounds.votes(round.id)).map((s) => s.pairId)).toEqual([p[0], p[1]]);
      expect(await rounds.counts(9999)).toBeNull();
    });

    it("a closed round hands out nothing and takes no votes", async () => {
      const { round } = await rounds.create(newRound(p.slice(0, 2), 1, ["ann"]));
      await rounds.update(round.id, { closed: true });
      expect(await rounds.next("ann", t0, LEASE)).toBeNull();
      expect((await rounds.vote(ballot(round.id, p[0]!, "ann", "accepted", 100))).kind).toBe("closed");
      // Its pairs are free for a new round.
      expect((await rounds.create(newRound(p.slice(0, 2), 1, ["bob"]))).skipped).toBe(0);
    });

    it("keeps a comment thread per pair and finds discussed pairs and mentions", async () => {
      const comments = h.comments;
      const base = { split: "val", discussion: false, mentions: [] as string[] };
      const one = await comments.add({ ...base, pairId: p[0]!, author: "ann", text: "<b>is it the left cup?</b> @bob", mentions: ["bob"], discussion: true, at: at(100) });
      await comments.add({ ...base, pairId: p[0]!, author: "bob", text: "yes", at: at(200) });
      await comments.add({ ...base, pairId: p[2]!, author: "bob", text: "@cat look", mentions: ["cat"], at: at(300) });
      expect(one).toMatchObject({ pairId: p[0], author: "ann", mentions: ["bob"], discussion: true });
      expect((await comments.list(p[0]!)).map((c) => [c.author, c.text])).toEqual([
        ["ann", "<b>is it the left cup?</b> @bob"],
        ["bob", "yes"],
      ]);
      expect(await comments.list(p[1]!)).toEqual([]);
      expect(await comments.discussed("val")).toEqual([
        { pairId: p[2], comments: 1, lastAt: at(300), discussion: false },
        { pairId: p[0], comments: 2, lastAt: at(200), discussion: true },
      ]);
      expect((await comments.discussed("val", "bob")).map((d) => d.pairId)).toEqual([p[0]]);
      expect(await comments.discussed("val", "eve")).toEqual([]);
      expect(await comments.discussed("other")).toEqual([]);
    });

    it("filters the queue by discussion and mentions, with counts that agree", async () => {
      const comments = h.comments;
      const base = { split: "val", discussion: false, mentions: [] as string[] };
      // p0: two comments, one sent to discussion and mentioning bob; p2: mentions cat; p4 and p5: plain comments.
      await comments.add({ ...base, pairId: p[0]!, author: "ann", text: "left or right cup? @bob", mentions: ["bob"], discussion: true, at: at(100) });
      await comments.add({ ...base, pairId: p[0]!, author: "bob", text: "left", at: at(110) });
      await comments.add({ ...base, pairId: p[2]!, author: "bob", text: "@Cat look", mentions: ["Cat"], at: at(120) });
      await comments.add({ ...base, pairId: p[4]!, author: "cat", text: "fine", at: at(130) });
      await comments.add({ ...base, pairId: p[5]!, author: "cat", text: "@bobby also fine", mentions: ["bobby"], at: at(140) });
      // p4 is decided: the status filter and the counts see it.
      const { round } = await rounds.create(newRound([p[4]!], 1, ["ann"]));
      expect((await rounds.vote(ballot(round.id, p[4]!, "ann", "rejected", 160))).kind).toBe("voted");

      const ids = async (query: PairListQuery) => (await h.listPairs({ split: "val", limit: 100, ...query })).items.map((item) => item.id);
      expect(await ids({ discussion: "any" })).toEqual([p[0], p[2], p[4], p[5]]);
      expect(await ids({ discussion: "sent" })).toEqual([p[0]]);
      expect(await ids({ mentions: "bob" })).toEqual([p[0]]); // not p5: "@bobby" is someone else
      // "@Cat" mentions the account cat: user names do not depend on case.
      expect(await ids({ mentions: "cat" })).toEqual([p[2]]);
      expect(await ids({ mentions: "CAT" })).toEqual([p[2]]);
      expect(await ids({ mentions: "eve" })).toEqual([]);
      expect(await ids({ discussion: "any", status: "pending" })).toEqual([p[0], p[2], p[5]]);
      // The counts of the comment filter, by status: the queue header and the status chips agree.
      const list = await h.listPairs({ split: "val", limit: 100, discussion: "any", status: "pending" });
      expect(list.counts).toEqual({ pending: 3, accepted: 0, rejected: 1 });
      expect(list.total).toBe(3);
      expect((await h.listPairs({ split: "val", limit: 100, mentions: "bob" })).counts).toEqual({ pending: 1, accepted: 0, rejected: 0 });
    });

    it("edits a comment's text and mentions in place, keeping its time, author and place in the thread", async () => {
      const comments = h.comments;
      const base = { split: "val", discussion: true, pairId: p[0]! };
      const first = await comments.add({ ...base, author: "ann", text: "@bob look", mentions: ["bob"], at: at(100) });
      await comments.add({ ...base, author: "bob", text: "looking", mentions: [], at: at(200) });
      expect(first.editedAt).toBeNull();
      expect(await comments.get(first.id)).toEqual(first);
      const edited = await comments.edit(first.id, { text: "@cat look", mentions: ["cat"], at: at(300) });
      expect(edited).toEqual({ ...first, text: "@cat look", mentions: ["cat"], editedAt: at(300) });
      expect((await comments.list(p[0]!)).map((c) => [c.author, c.text, c.editedAt])).toEqual([
        ["ann", "@cat look", at(300)],
        ["bob", "looking", null],
      ]);
      expect((await comments.discussed("val", "cat")).map((d) => d.pairId)).toEqual([p[0]]);
      expect(await comments.discussed("val", "bob")).toEqual([]);
      expect(await comments.get(first.id + 100)).toBeNull();
      expect(await comments.edit(first.id + 100, { text: "x", mentions: [], at: at(400) })).toBeNull();
    });
  });
}
