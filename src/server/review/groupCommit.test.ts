import { describe, expect, it } from "vitest";
import type { BatchDecisionResult, ReviewStore, SaveDecisionRequest, SaveDecisionResult } from "../storage/store";
import { createGroupCommitter } from "./groupCommit";

function request(id: string): SaveDecisionRequest {
  return {
    id,
    input: { status: "accepted", reviewer: "ana", baseVersion: 0 },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
  };
}

const saved = (id: string): SaveDecisionResult => ({
  kind: "saved",
  replayed: false,
  decision: { status: "accepted", reasons: [], note: id, edits: null, reviewer: "ana", updatedAt: "", version: 1 },
});

/** A store that records how decisions were grouped into transactions. */
function fakeStore(saveDecisions: (requests: readonly SaveDecisionRequest[]) => BatchDecisionResult[]): { store: ReviewStore; batches: string[][] } {
  const batches: string[][] = [];
  const store = {
    saveDecision: (r: SaveDecisionRequest) => saved(r.id),
    saveDecisions: async (requests: readonly SaveDecisionRequest[]) => {
      batches.push(requests.map((r) => r.id));
      return saveDecisions(requests);
    },
  } as unknown as ReviewStore;
  return { store, batches };
}

describe("group commit", () => {
  it("saves decisions that arrive together in one transaction and answers each", async () => {
    const { store, batches } = fakeStore((requests) => requests.map((r) => saved(r.id)));
    const committer = createGroupCommitter(store);
    const results = await Promise.all(["a", "b", "c"].map((id) => committer.save(request(id))));
    expect(batches).toEqual([["a", "b", "c"]]);
    expect(results.map((r) => (r.kind === "saved" ? r.decision.note : r.kind))).toEqual(["a", "b", "c"]);
    await committer.save(request("d"));
    expect(batches).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("fails only the decision whose savepoint failed", async () => {
    const { store } = fakeStore((requests) =>
      requests.map((r): BatchDecisionResult => (r.id === "bad" ? { kind: "failed", error: new Error("constraint") } : saved(r.id))),
    );
    const committer = createGroupCommitter(store);
    const [good, bad] = await Promise.allSettled([committer.save(request("good")), committer.save(request("bad"))]);
    expect(good.status).toBe("fulfilled");
    expect(bad.status).toBe("rejected");
  });

  it("fails every decision of a transaction that could not commit: none was acknowledged", async () => {
    const { store } = fakeStore(() => {
      throw new Error("SQLITE_FULL");
    });
    const committer = createGroupCommitter(store);
    const outcomes = await Promise.allSettled([committer.save(request("a")), committer.save(request("b"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });
});
