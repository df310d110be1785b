import { describe, expect, it } from "vitest";
import { createInProcessBus, type EventBus } from "./bus";
import { createLiveEvents } from "./liveEvents";

/*
 * When the bus lost events (PostgreSQL restarted and the PG bus listens again), every open stream
 * is ended, so each browser's EventSource reconnects and refetches what it shows.
 */

function resyncableBus(): EventBus & { resync(): void } {
  const inner = createInProcessBus();
  const listeners = new Set<() => void>();
  return {
    ...inner,
    onResync(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    resync: () => listeners.forEach((l) => l()),
  };
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  const decoder = new TextDecoder();
  let seen = "";
  while (!seen.includes(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before ${JSON.stringify(text)}; got ${JSON.stringify(seen)}`);
    seen += decoder.decode(value, { stream: true });
  }
  return seen;
}

describe("live streams on a bus resync", () => {
  it("end every open stream (the browser reconnects and refetches), and only on resync", async () => {
    const bus = resyncableBus();
    const events = createLiveEvents({ bus, splitExists: () => true, heartbeatMs: 60_000 });
    try {
      const responses = await Promise.all([events.routes.request("/events?split=val"), events.routes.request("/events")]);
      const readers = responses.map((r) => r.body!.getReader());
      for (const reader of readers) await readUntil(reader, ": connected");
      expect(events.streamCount()).toBe(2);

      // An ordinary event keeps the streams open.
      await bus.publish({ type: "imported", split: "val", pairs: 3 });
      await readUntil(readers[0]!, "event: imported");
      expect(events.streamCount()).toBe(2);

      bus.resync();
      for (const reader of readers) {
        for (;;) {
          const { done } = await reader.read();
          if (done) break;
        }
      }
      expect(events.streamCount()).toBe(0);
    } finally {
      await events.close();
    }
  });
});
