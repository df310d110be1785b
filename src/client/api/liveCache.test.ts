import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { PairDetail, PairList, PairSummary } from "../../shared/api";
import type { DecisionEvent } from "../../shared/events";
import { applyDecisionEvent, invalidateThreadLists } from "./liveCache";
import { pairKeys } from "./keys";
import { othersOnPair, presenceText } from "./liveStore";

const row = (id: string, version = 0): PairSummary => ({
  id,
  split: "val",
  imageId: 1,
  index: 0,
  question: "q",
  targetCount: 1,
  granularity: "object",
  status: version ? "accepted" : "pending",
  flags: [],
  reviewer: version ? "ana" : null,
  version,
});

function list(items: PairSummary[]): InfiniteData<PairList> {
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  for (const item of items) counts[item.status] += 1;
  return { pages: [{ items, nextCursor: null, total: items.length, counts }], pageParams: [null] };
}

const event = (pairId: string, version: number, status: DecisionEvent["status"] = "rejected"): DecisionEvent => ({
  type: "decision",
  split: "val",
  pairId,
  status,
  version,
  reviewer: "bob",
  updatedAt: "2026-12-01T00:00:00.000Z",
});

describe("applying a decision event to the cache", () => {
  it("patches the queue row and its counts when the event is newer", () => {
    const client = new QueryClient();
    const key = pairKeys.list({ split: "val" });
    client.setQueryData(key, list([row("val:1:0"), row("val:1:1")]));
    const applied = applyDecisionEvent(client, event("val:1:0", 1));
    const data = client.getQueryData<InfiniteData<PairList>>(key)!;
    expect(data.pages[0]!.items[0]).toMatchObject({ status: "rejected", reviewer: "bob", version: 1 });
    expect(data.pages[0]!.counts).toEqual({ pending: 1, accepted: 0, rejected: 1 });
    expect(applied).toEqual({ remote: true, listsMissed: false });
  });

  it("leaves a row alone that already has this version (my own save, patched optimistically)", () => {
    const client = new QueryClient();
    const key = pairKeys.list({ split: "val" });
    client.setQueryData(key, list([row("val:1:0", 2)]));
    const applied = applyDecisionEvent(client, event("val:1:0", 2));
    expect(client.getQueryData<InfiniteData<PairList>>(key)!.pages[0]!.items[0]).toMatchObject({ status: "accepted", reviewer: "ana" });
    expect(applied.remote).toBe(false);
  });

  it("reports lists that do not hold the row (their counts need a refetch)", () => {
    const client = new QueryClient();
    client.setQueryData(pairKeys.list({ split: "val" }), list([row("val:1:1")]));
    expect(applyDecisionEvent(client, event("val:1:0", 1)).listsMissed).toBe(true);
  });

  it("marks an older cached pair detail stale so the open pair refetches", () => {
    const client = new QueryClient();
    const key = pairKeys.detail("val:1:0", { split: "val" });
    client.setQueryData(key, { id: "val:1:0", decision: null } as unknown as PairDetail);
    expect(applyDecisionEvent(client, event("val:1:0", 1)).remote).toBe(true);
    expect(client.getQueryState(key)!.isInvalidated).toBe(true);
  });
});

describe("presence wording", () => {
  const viewers = [
    { reviewer: "bob", session: "b1", pairId: "val:1:0" },
    { reviewer: "bob", session: "b2", pairId: "val:1:0" },
    { reviewer: "me", session: "mine", pairId: "val:1:0" },
    { reviewer: "carol", session: "c1", pairId: "val:2:0" },
  ];
  it("names the others on this pair once each, never this tab", () => {
    expect(othersOnPair(viewers, "val:1:0", "mine")).toEqual(["bob"]);
    expect(othersOnPair(viewers, "val:9:0", "mine")).toEqual([]);
  });
  it("reads like a sentence", () => {
    expect(presenceText([])).toBeNull();
    expect(presenceText(["bob"])).toBe("bob has this pair open");
    expect(presenceText(["bob", "carol"])).toBe("bob and carol have this pair open");
    expect(presenceText(["bob", "carol", "dan"])).toBe("bob, carol and 1 other have this pair open");
    expect(presenceText(["bob", "carol", "dan", "eve"])).toBe("bob, carol and 2 others have this pair open");
  });
});

describe("a comment event", () => {
  it("marks stale exactly the queues filtered by discussion or mentions", () => {
    const client = new QueryClient();
    const keys = [
      pairKeys.list({ split: "val", discussion: "any" }),
      pairKeys.list({ split: "val", mentions: "ana" }),
      pairKeys.list({ split: "val" }),
      pairKeys.list({ split: "val", status: "pending" }),
      pairKeys.detail("val:1:0", { split: "val", discussion: "any" }),
    ];
    for (const key of keys) client.setQueryData(key, list([row("val:1:0")]));
    invalidateThreadLists(client);
    expect(keys.map((key) => client.getQueryState(key)?.isInvalidated)).toEqual([true, true, false, false, false]);
  });
});
