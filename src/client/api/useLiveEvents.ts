import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { commentEventSchema, decisionEventSchema, importedEventSchema, presenceSnapshotSchema } from "../../shared/events";
import { applyDecisionEvent, createInvalidator, invalidateThreadLists } from "./liveCache";
import { useLiveStore } from "./liveStore";

/*
 * One EventSource per split (`GET /api/events?split=`). EventSource reconnects on its own after a
 * network drop (the server sends `retry:`); when it gives up (an HTTP error answer) we open a new
 * one with backoff. After any reconnect the queue, pair and counts are refetched, since events
 * sent while disconnected are lost.
 */

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

function parse(data: unknown): unknown {
  try {
    return JSON.parse(String(data));
  } catch {
    return null;
  }
}

export function useLiveEvents(split: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!split || typeof EventSource === "undefined") return;
    const invalidate = createInvalidator(client);
    const store = useLiveStore.getState();
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let openedBefore = false;
    let stopped = false;

    const connect = () => {
      const es = new EventSource(`/api/events?split=${encodeURIComponent(split)}`);
      source = es;
      es.onopen = () => {
        failures = 0;
        store.connectionChanged(true);
        // Whatever happened while we were away was not streamed to us.
        if (openedBefore) invalidate.everything();
        openedBefore = true;
      };
      es.onerror = () => {
        store.connectionChanged(false);
        if (es.readyState !== EventSource.CLOSED || stopped) return;
        // The browser gave up (an error answer, not a dropped connection): retry ourselves.
        const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
        failures += 1;
        retryTimer = setTimeout(connect, delay);
      };
      es.addEventListener("decision", (message) => {
        const event = decisionEventSchema.safeParse(parse(message.data));
        if (!event.success || event.data.split !== split) return;
        const applied = applyDecisionEvent(client, event.data);
        if (applied.remote) {
          const { reviewer, status, version } = event.data;
          useLiveStore.getState().remoteDecided(event.data.pairId, { reviewer, status, version });
        }
        invalidate.counts(applied.listsMissed);
      });
      es.addEventListener("imported", (message) => {
        const event = importedEventSchema.safeParse(parse(message.data));
        if (event.success && event.data.split === split) invalidate.everything();
      });
      es.addEventListener("comment", (message) => {
        const event = commentEventSchema.safeParse(parse(message.data));
        if (!event.success || event.data.split !== split) return;
        void client.invalidateQueries({ queryKey: ["comments"] });
        invalidateThreadLists(client);
      });
      es.addEventListener("presence", (message) => {
        const snapshot = presenceSnapshotSchema.safeParse(parse(message.data));
        if (snapshot.success && snapshot.data.split === split) useLiveStore.getState().presenceReceived(snapshot.data);
      });
    };
    connect();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      invalidate.cancel();
      store.connectionChanged(false);
    };
  }, [client, split]);
}
