import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { roundEventSchema } from "../../shared/roundEvents";
import { slotStates } from "../../shared/rounds";
import { createRoundInvalidator } from "./roundEvents";

/** Seeds the query keys the Rounds screens use and reports which of them are stale. */
function seeded() {
  const client = new QueryClient();
  const keys = [
    ["rounds", "all"],
    ["rounds", "mine", "ann"],
    ["rounds", "progress", 1],
    ["rounds", "progress", 2],
    ["rounds", "adjudication", 1],
    ["rounds", "agreement", 1],
    ["comments", "thread", "val:1:0"],
  ];
  for (const key of keys) client.setQueryData(key, { seeded: true });
  const stale = () =>
    client
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => JSON.stringify(q.queryKey))
      .sort();
  return { client, stale };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("round events in the client cache", () => {
  it("the event's states are the states of a round's pair", () => {
    expect(roundEventSchema.shape.state.options).toEqual([...slotStates]);
  });

  it("a first vote refreshes that round's progress and 'your rounds', not its adjudication queue or other rounds", () => {
    const { client, stale } = seeded();
    const invalidate = createRoundInvalidator(client, 300);
    invalidate.event({ roundId: 1, state: "open" });
    expect(stale()).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(stale()).toEqual(['["rounds","mine","ann"]', '["rounds","progress",1]']);
  });

  it("a pair sent to adjudication also refreshes the round's adjudication queue and agreement", () => {
    const { client, stale } = seeded();
    const invalidate = createRoundInvalidator(client, 300);
    invalidate.event({ roundId: 1, state: "open" });
    invalidate.event({ roundId: 1, state: "adjudication" });
    vi.advanceTimersByTime(300);
    expect(stale()).toEqual(['["rounds","adjudication",1]', '["rounds","agreement",1]', '["rounds","mine","ann"]', '["rounds","progress",1]']);
  });

  it("after a reconnect every round query is refetched; cancel drops what is pending", () => {
    const { client, stale } = seeded();
    const invalidate = createRoundInvalidator(client, 300);
    invalidate.event({ roundId: 2, state: "open" });
    invalidate.cancel();
    vi.advanceTimersByTime(1000);
    expect(stale()).toEqual([]);
    invalidate.everything();
    vi.advanceTimersByTime(300);
    expect(stale()).toHaveLength(6);
    expect(stale()).not.toContain('["comments","thread","val:1:0"]');
  });
});
