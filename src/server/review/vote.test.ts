import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRecords } from "../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { SqliteStore } from "../storage/sqlite/sqliteStore";
import type { Reanalyzer } from "./reanalyzer";
import { castVote } from "./vote";

/*
 * A vote as imported (no edits) reuses the import's analysis, as a decision does: the record is not
 * sent to the reanalysis worker (a team's votes would queue there behind each other). An edited
 * vote is analysed there.
 */

let dir: TempDir;
let store: SqliteStore;
let pairIds: string[];

beforeEach(async () => {
  dir = tempDir("mmr-vote-");
  store = new SqliteStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(2));
  pairIds = (await store.listPairs({ split: "val", limit: 100 })).items.map((item) => item.id);
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

function countingReanalyzer(): Reanalyzer & { calls: number } {
  const counting = {
    calls: 0,
    run: async () => {
      counting.calls += 1;
      return { ok: true as const, flags: [], granularity: "object" as const, importedGranularity: "object" as const, targets: [0] };
    },
    close: async () => {},
  };
  return counting;
}

describe("castVote", () => {
  it("analyses only edited votes, and keeps the imported targets of the others", async () => {
    const { round } = await store.rounds().create({
      name: "r",
      split: "val",
      filter: {},
      overlap: 1,
      share: 1,
      seed: "s",
      blind: true,
      reviewers: ["ann"],
      createdBy: "lea",
      createdAt: "2026-01-01T00:00:00.000Z",
      slots: pairIds.slice(0, 2).map((pairId) => ({ pairId, needed: 1 })),
    });
    const reanalyzer = countingReanalyzer();
    const plain = await castVote(store, { roundId: round.id, pairId: pairIds[0]!, reviewer: "ann", status: "rejected", reasons: ["other"] }, new Date(), reanalyzer);
    expect(plain.kind).toBe("voted");
    expect(reanalyzer.calls).toBe(0);
    const detail = await store.getPair(pairIds[0]!, {});
    if (plain.kind === "voted") expect(plain.vote.targets).toEqual(detail?.original.targets);
    const edited = await castVote(
      store,
      { roundId: round.id, pairId: pairIds[1]!, reviewer: "ann", status: "accepted", edits: { question: "Where can one sit?" } },
      new Date(),
      reanalyzer,
    );
    expect(edited.kind).toBe("voted");
    expect(reanalyzer.calls).toBe(1);
  });
});
