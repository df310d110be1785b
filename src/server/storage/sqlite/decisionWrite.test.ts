import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../../shared/domain";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import type { ReviewStore, SaveDecisionRequest } from "../store";

/*
 * What a saved decision changes, read back through the store as the server does (issue 13:
 * behaviours mutation testing found unpinned). Fixture pair val:1000:0 asks "Where could someone
 * sit down in picture 0?", answers "You could sit on {seg}." and targets annotation 0 (the chair).
 */

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir("mmr-decision-write-");
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(2));
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

const ID = "val:1000:0";

function request(input: Partial<DecisionInput> & { baseVersion: number }, extra: Partial<SaveDecisionRequest> = {}): SaveDecisionRequest {
  return { id: ID, input: { status: "accepted", reviewer: "ann", ...input }, flags: [], granularity: "object", now: "2026-01-01T00:00:00.000Z", ...extra };
}

async function ids(q: string): Promise<string[]> {
  return (await store.listPairs({ split: "val", q })).items.map((p) => p.id);
}

describe("the decision write", () => {
  it("refuses an Idempotency-Key reused with any other field, and replays it with the same ones", async () => {
    const first = { status: "rejected" as const, reasons: ["wrong_target"], note: "n", edits: { question: "Q?" }, baseVersion: 0 };
    expect((await store.saveDecision(request(first, { idempotencyKey: "k" }))).kind).toBe("saved");
    for (const changed of [
      { status: "accepted" as const, reasons: [] },
      { reviewer: "bob" },
      { note: "other" },
      { reasons: ["wrong_mask"] },
      { edits: { question: "Other?" } },
      { edits: null },
    ]) {
      expect(await store.saveDecision(request({ ...first, ...changed }, { idempotencyKey: "k" })), JSON.stringify(changed)).toEqual({ kind: "key_reused" });
    }
    expect(await store.saveDecision(request(first, { idempotencyKey: "k" }))).toMatchObject({ kind: "saved", replayed: true });
    expect(await store.history(ID)).toHaveLength(1);
  });

  it("stores reasons and edits so that they read back, and no edits as null", async () => {
    await store.saveDecision(request({ status: "rejected", reasons: ["wrong_target", "bad_mask"], edits: { textAnswer: "Sit on {seg}." }, baseVersion: 0 }));
    const saved = (await store.getPairContext(ID))!.decision!;
    expect(saved).toMatchObject({ status: "rejected", reasons: ["wrong_target", "bad_mask"], edits: { textAnswer: "Sit on {seg}." }, version: 1 });
    await store.saveDecision(request({ edits: null, baseVersion: 1 }));
    expect((await store.getPairContext(ID))!.decision).toMatchObject({ status: "accepted", reasons: [], edits: null, version: 2 });
    const history = (await store.history(ID))!;
    expect(history.map((h) => h.before?.version ?? null)).toEqual([null, 1]);
  });

  it("indexes an edited question or answer for search, and the imported text again when the edit is undone", async () => {
    expect(await ids("zebra")).toEqual([]);
    await store.saveDecision(request({ edits: { textAnswer: "A zebra could sit on {seg}." }, baseVersion: 0 }));
    expect(await ids("zebra")).toEqual([ID]);
    expect(await ids("could sit")).toContain(ID);
    await store.saveDecision(request({ edits: { question: "Where would a giraffe sit?", textAnswer: "A zebra could sit on {seg}." }, baseVersion: 1 }));
    expect(await ids("giraffe")).toEqual([ID]);
    expect(await ids("zebra")).toEqual([ID]);
    await store.saveDecision(request({ edits: null, baseVersion: 2 }));
    expect(await ids("giraffe")).toEqual([]);
    expect(await ids("zebra")).toEqual([]);
    expect(await ids("picture")).toContain(ID);
  });

  it("counts a pair as edited for the export preview only when question, answer or targets moved", async () => {
    const edited = async () => (await store.insights().exportPreview("val", true)).editedKept;
    expect(await edited()).toBe(0);
    await store.saveDecision(request({ edits: { targets: [0] }, baseVersion: 0 }));
    expect(await edited()).toBe(0);
    await store.saveDecision(request({ edits: { question: "Q?" }, baseVersion: 1 }));
    expect(await edited()).toBe(1);
    await store.saveDecision(request({ edits: { textAnswer: "On {seg}." }, baseVersion: 2 }));
    expect(await edited()).toBe(1);
    await store.saveDecision(request({ edits: { targets: [1] }, baseVersion: 3 }));
    expect(await edited()).toBe(1);
    await store.saveDecision(request({ edits: null, baseVersion: 4 }));
    expect(await edited()).toBe(0);
  });

  it("moves the pair's counts and its place in the flagged order with its status and flags", async () => {
    const preview = async () => (await store.insights().exportPreview("val", false)).pairs;
    const before = await preview();
    await store.saveDecision(request({ baseVersion: 0 }));
    expect(await preview()).toEqual({ kept: before.kept + 1, dropped: before.dropped - 1 });
    // With a flag, the pair sorts among the flagged ones (first, in file order: before val:1001:3,
    // flagged at import for its stray braces); without, after all of them.
    const flaggedFirst = async () => (await store.listPairs({ split: "val", sort: "flagged" })).items.map((p) => p.id);
    await store.saveDecision(request({ baseVersion: 1 }, { flags: ["explicit"] }));
    const flagged = await flaggedFirst();
    expect(flagged.indexOf(ID)).toBeLessThan(flagged.indexOf("val:1001:3"));
    await store.saveDecision(request({ baseVersion: 2 }, { flags: [] }));
    const order = await flaggedFirst();
    expect(order.indexOf(ID)).toBeGreaterThan(order.indexOf("val:1001:3"));
  });
});
