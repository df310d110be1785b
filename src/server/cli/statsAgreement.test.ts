import { afterEach, describe, expect, it, vi } from "vitest";
import type { CastVoteRequest } from "../storage/store";
import { SqliteStore } from "../storage/sqlite/sqliteStore";
import { importRecords } from "../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { runStats } from "./stats";

/*
 * `mmr-review stats --agreement` on a scripted round of 4 pairs, ann and bob:
 *   p0 A A · p1 A R · p2 R R · p3 R R
 * Cohen: p_o = 3/4; ann 2 A 2 R, bob 1 A 3 R: p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; κ = (3/4 − 1/2)/(1/2) = 0.500.
 * Fleiss: P_i = 1, 0, 1, 1 → P̄ = 3/4; p_A = 3/8, p_R = 5/8: P̄_e = 34/64; κ = (48/64 − 34/64)/(30/64) = 7/15 = 0.467.
 * Reasons: p2 and p3 both "other" vs "other": mean Jaccard 1.000, identical 100 % of 2.
 */

let dir: TempDir;
afterEach(() => {
  vi.restoreAllMocks();
  dir?.remove();
});

describe("stats --agreement", () => {
  it("prints kappa per round and per pair of reviewers, as computed by hand", async () => {
    dir = tempDir();
    const file = dir.file("review.db");
    const store = new SqliteStore(file);
    await importRecords(store, dir, "val", fixtureRecords(2));
    const ids = (await store.listPairs({ split: "val", limit: 10 })).items.map((i) => i.id).slice(0, 4);
    const { round } = await store.rounds().create({
      name: "double",
      split: "val",
      filter: {},
      overlap: 2,
      share: 1,
      seed: "s",
      blind: true,
      reviewers: ["ann", "bob"],
      createdBy: "lea",
      createdAt: "2026-01-01T00:00:00.000Z",
      slots: ids.map((pairId) => ({ pairId, needed: 2 })),
    });
    const ballot = (pairId: string, reviewer: string, status: "accepted" | "rejected"): CastVoteRequest => ({
      roundId: round.id,
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
      now: "2026-01-01T00:00:00.000Z",
      nowMs: 0,
    });
    const plan: [string, "accepted" | "rejected", "accepted" | "rejected"][] = [
      [ids[0]!, "accepted", "accepted"],
      [ids[1]!, "accepted", "rejected"],
      [ids[2]!, "rejected", "rejected"],
      [ids[3]!, "rejected", "rejected"],
    ];
    for (const [id, a, b] of plan) {
      await store.rounds().vote(ballot(id, "ann", a));
      await store.rounds().vote(ballot(id, "bob", b));
    }
    await store.close();

    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    await runStats({ db: file, agreement: true });
    expect(out).toContain(`round ${round.id} "double": split val, overlap 2, 4 of 4 pairs with two votes or more`);
    expect(out).toContain("Fleiss' kappa  0.467 (4 pairs) · object 0.467 (4 pairs)");
    expect(out).toMatch(/ann – bob {2}0\.500 \(4 pairs\), 1 disagreeing/);
    expect(out).toContain("reasons (both reject)  mean Jaccard 1.000, identical 100 % of 2");
    expect(out).toContain(`disagreeing pairs (1): ${ids[1]}`);
  });
});
