import { describe, expect, it, vi } from "vitest";
import type { BusEvent, DecisionEvent } from "../../shared/events";
import { EventTooLargeError, createInProcessBus, decodeEvent, encodeEvent } from "./bus";

const decision = (split: string, pairId = `${split}:1:0`): DecisionEvent => ({
  type: "decision",
  split,
  pairId,
  status: "accepted",
  version: 3,
  reviewer: "bob",
  updatedAt: "2026-12-01T00:00:00.000Z",
});

describe("in-process event bus", () => {
  it("delivers to subscribers of the event's split and of all splits, not to other splits", async () => {
    const bus = createInProcessBus();
    const val: BusEvent[] = [];
    const all: BusEvent[] = [];
    const train: BusEvent[] = [];
    bus.subscribe("val", (e) => val.push(e));
    bus.subscribe(null, (e) => all.push(e));
    bus.subscribe("train", (e) => train.push(e));
    await bus.publish(decision("val"));
    expect(val).toEqual([decision("val")]);
    expect(all).toEqual([decision("val")]);
    expect(train).toEqual([]);
  });

  it("delivers after the publisher's turn, as a copy", async () => {
    const bus = createInProcessBus();
    const seen: BusEvent[] = [];
    bus.subscribe("val", (e) => seen.push(e));
    const event = decision("val");
    const published = bus.publish(event);
    expect(seen).toHaveLength(0);
    await published;
    expect(seen[0]).toEqual(event);
    expect(seen[0]).not.toBe(event);
  });

  it("unsubscribe stops delivery, is idempotent and leaves no subscriber behind", async () => {
    const bus = createInProcessBus();
    const listener = vi.fn();
    const subs = Array.from({ length: 100 }, (_, i) => bus.subscribe(i % 2 ? "val" : null, listener));
    expect(bus.subscriberCount()).toBe(100);
    for (const unsubscribe of subs) {
      unsubscribe();
      unsubscribe();
    }
    expect(bus.subscriberCount()).toBe(0);
    await bus.publish(decision("val"));
    expect(listener).not.toHaveBeenCalled();
  });

  it("the same listener subscribed twice hears twice and unsubscribes one at a time", async () => {
    const bus = createInProcessBus();
    const listener = vi.fn();
    const first = bus.subscribe("val", listener);
    bus.subscribe("val", listener);
    first();
    await bus.publish(decision("val"));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(bus.subscriberCount()).toBe(1);
  });

  it("a throwing listener is reported and the others still hear the event", async () => {
    const errors: unknown[] = [];
    const bus = createInProcessBus({ onListenerError: (e) => errors.push(e) });
    const after = vi.fn();
    bus.subscribe("val", () => {
      throw new Error("boom");
    });
    bus.subscribe("val", after);
    await bus.publish(decision("val"));
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
  });

  it("refuses events that break the schema", async () => {
    const bus = createInProcessBus();
    await expect(bus.publish({ ...decision("val"), reviewer: "x".repeat(81) })).rejects.toThrow();
    await expect(bus.publish({ type: "imported", split: "val", pairs: -1 })).rejects.toThrow();
    await expect(bus.publish({ ...decision("val"), split: "a:b" })).rejects.toThrow();
  });

  it("the largest valid events fit a PostgreSQL NOTIFY payload (8,000 bytes)", () => {
    const split = "s".repeat(120);
    const longest: BusEvent[] = [
      { ...decision(split, `${split}:${"9".repeat(30)}:${"9".repeat(40)}`), reviewer: "\u{1F600}".repeat(20), updatedAt: "x".repeat(40) },
      { type: "presence", split, pairId: `${split}:1:0`, reviewer: "\"".repeat(80), session: "s".repeat(64), at: Number.MAX_SAFE_INTEGER },
    ];
    for (const event of longest) expect(Buffer.byteLength(encodeEvent(event))).toBeLessThanOrEqual(8000);
    expect(new EventTooLargeError(9000).message).toBe("event of 9000 bytes exceeds the 8000-byte limit");
  });

  it("decodeEvent turns a foreign payload into an event or null, never throws", () => {
    expect(decodeEvent(JSON.stringify(decision("val")))).toEqual(decision("val"));
    expect(decodeEvent("{not json")).toBeNull();
    expect(decodeEvent(JSON.stringify({ type: "decision", split: "val" }))).toBeNull();
    expect(decodeEvent(JSON.stringify({ ...decision("val"), split: "../etc" }))).toBeNull();
  });

  it("after close nothing is delivered and subscribing is a no-op", async () => {
    const bus = createInProcessBus();
    const listener = vi.fn();
    bus.subscribe("val", listener);
    await bus.close();
    bus.subscribe("val", listener);
    await bus.publish(decision("val"));
    expect(listener).not.toHaveBeenCalled();
    expect(bus.subscriberCount()).toBe(0);
  });
});
