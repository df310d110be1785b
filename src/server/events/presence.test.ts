import { describe, expect, it } from "vitest";
import type { PresenceEvent } from "../../shared/events";
import { createPresenceTracker } from "./presence";

function beat(reviewer: string, pairId: string | null, at: number, session = `${reviewer}-tab`): PresenceEvent {
  return { type: "presence", split: "val", pairId, reviewer, session, at };
}

describe("presence tracker", () => {
  it("lists who has which pair open and forgets a tab 30 s after its last heartbeat", () => {
    let now = 1_000_000;
    const tracker = createPresenceTracker({ now: () => now, sweepMs: 0 });
    tracker.apply(beat("bob", "val:1:0", now));
    tracker.apply(beat("alice", "val:2:0", now));
    expect(tracker.snapshot("val").viewers.map((v) => [v.reviewer, v.pairId])).toEqual([
      ["alice", "val:2:0"],
      ["bob", "val:1:0"],
    ]);

    now += 20_000;
    tracker.apply(beat("bob", "val:1:0", now)); // bob heartbeats, alice does not
    now += 10_001; // alice last seen 30.001 s ago, bob 10.001 s ago
    tracker.sweep();
    expect(tracker.snapshot("val").viewers.map((v) => v.reviewer)).toEqual(["bob"]);

    now += 20_000;
    tracker.sweep();
    expect(tracker.snapshot("val").viewers).toEqual([]);
    tracker.close();
  });

  it("a heartbeat with no pair removes the tab at once; moving to another pair replaces it", () => {
    const tracker = createPresenceTracker({ now: () => 5_000, sweepMs: 0 });
    tracker.apply(beat("bob", "val:1:0", 5_000));
    tracker.apply(beat("bob", "val:1:1", 5_000));
    expect(tracker.snapshot("val").viewers).toEqual([{ reviewer: "bob", session: "bob-tab", pairId: "val:1:1" }]);
    tracker.apply(beat("bob", null, 5_000));
    expect(tracker.snapshot("val").viewers).toEqual([]);
    tracker.close();
  });

  it("two tabs of one reviewer are two entries", () => {
    const tracker = createPresenceTracker({ now: () => 5_000, sweepMs: 0 });
    tracker.apply(beat("bob", "val:1:0", 5_000, "a"));
    tracker.apply(beat("bob", "val:2:0", 5_000, "b"));
    expect(tracker.snapshot("val").viewers.map((v) => v.pairId)).toEqual(["val:1:0", "val:2:0"]);
    tracker.close();
  });

  it("tells listeners about changes (not about a heartbeat that changes nothing) and about expiry", () => {
    let now = 0;
    const tracker = createPresenceTracker({ now: () => now, sweepMs: 0 });
    const changes: string[] = [];
    const stop = tracker.onChange((split) => changes.push(split));
    tracker.apply(beat("bob", "val:1:0", now));
    tracker.apply(beat("bob", "val:1:0", now + 1));
    expect(changes).toEqual(["val"]);
    now = 31_000;
    tracker.sweep();
    expect(changes).toEqual(["val", "val"]);
    stop();
    expect(tracker.listenerCount()).toBe(0);
    tracker.close();
  });
});
