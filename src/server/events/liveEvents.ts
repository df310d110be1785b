import { Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import { z } from "zod";
import type { Decision } from "../../shared/domain";
import { splitNameSchema } from "../../shared/domain";
import { presenceHeartbeatSchema, type BusEvent, type RoundEvent } from "../../shared/events";
import { actorOf } from "../http/auth/actor";
import { HttpError, parseOr400 } from "../http/httpError";
import { readJsonBody } from "../http/readBody";
import { createInProcessBus, type EventBus } from "./bus";
import { createPresenceTracker, type PresenceTracker } from "./presence";

/*
 * The HTTP side of live updates: `GET /api/events` (Server-Sent Events of one split, or of all)
 * and `POST /api/presence` (a tab's heartbeat), plus the two hooks the app calls after a decision
 * is saved and after an import commits. Everything goes through the bus, so a bus shared between
 * processes (PostgreSQL LISTEN/NOTIFY) makes every process's streams see every process's events.
 */

/** A heartbeat is ~150 bytes; 2 KB leaves room for long names and nothing else. */
export const MAX_PRESENCE_BYTES = 2048;
/** Comment lines on an idle stream, so proxies and load balancers keep the connection. */
export const STREAM_HEARTBEAT_MS = 15_000;
/** What the browser waits before reconnecting a dropped stream (EventSource `retry:`). */
export const STREAM_RETRY_MS = 2_000;
/** Concurrent streams per process; more answer 503 (each tab holds one). */
export const MAX_STREAMS = 1_000;
/** Messages queued for one slow client before its stream is dropped (it reconnects and refreshes). */
const MAX_QUEUED = 500;

const eventsQuerySchema = z.object({ split: splitNameSchema.optional() });

export interface LiveEventsOptions {
  bus?: EventBus;
  presence?: PresenceTracker;
  /** Whether a split exists (heartbeats for unknown splits are refused with 404). */
  splitExists: (split: string) => boolean | Promise<boolean>;
  heartbeatMs?: number;
  maxStreams?: number;
  logError?: (error: unknown) => void;
}

export interface LiveEvents {
  bus: EventBus;
  presence: PresenceTracker;
  /** Mounted at `/api`: `GET /events`, `POST /presence`. */
  routes: Hono;
  /** Open SSE streams of this process. */
  streamCount(): number;
  /** Call once a decision is durably saved (not for idempotent replays). */
  decisionSaved(split: string, pairId: string, decision: Decision): void;
  /** Call once a comment is saved (issue 11). */
  commentAdded(split: string, pairId: string, author: string, at: string): void;
  /** Call once a round's vote or adjudication is saved (issue 11). */
  roundChanged(event: Omit<RoundEvent, "type">): void;
  /** Call once an import committed. */
  imported(split: string, pairs: number): void;
  /** Ends every stream and drops the bus's subscribers (before closing the HTTP server). */
  close(): Promise<void>;
}

export function createLiveEvents(options: LiveEventsOptions): LiveEvents {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const bus = options.bus ?? createInProcessBus({ onListenerError: logError });
  const presence = options.presence ?? createPresenceTracker();
  const heartbeatMs = options.heartbeatMs ?? STREAM_HEARTBEAT_MS;
  const maxStreams = options.maxStreams ?? MAX_STREAMS;
  const enders = new Set<() => void>();

  // Every process rebuilds presence from the bus, its own heartbeats included.
  const stopPresence = bus.subscribe(null, (event) => {
    if (event.type === "presence") presence.apply(event);
  });

  // The bus lost events while it was reconnecting (PostgreSQL restarted): end every stream, so
  // each browser's EventSource reconnects and refetches what it shows.
  const stopResync = bus.onResync?.(() => {
    for (const end of [...enders]) end();
  });

  function publish(event: BusEvent) {
    bus.publish(event).catch(logError);
  }

  const routes = new Hono();

  routes.get("/events", (c) => {
    const { split = null } = parseOr400(eventsQuerySchema, c.req.query(), "invalid_query");
    if (enders.size >= maxStreams) throw new HttpError(503, "too_many_streams", "too many live-update streams are open; retry later");
    c.header("X-Accel-Buffering", "no");
    return streamSSE(c, async (stream) => {
      await runStream(stream, split);
    });
  });

  async function runStream(stream: SSEStreamingApi, split: string | null) {
    let queued = 0;
    let chain: Promise<unknown> = Promise.resolve();
    let end: () => void = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    const send = (write: () => Promise<unknown>) => {
      if (stream.aborted || stream.closed) return;
      if (queued >= MAX_QUEUED) {
        end();
        return;
      }
      queued += 1;
      chain = chain.then(write).finally(() => (queued -= 1));
    };
    const sendEvent = (event: string, data: unknown) => send(() => stream.writeSSE({ event, data: JSON.stringify(data) }));

    const dirty = new Set<string>();
    let flushScheduled = false;
    const presenceChanged = (changed: string) => {
      if (split !== null && changed !== split) return;
      dirty.add(changed);
      if (flushScheduled) return;
      flushScheduled = true;
      // Several heartbeats in one turn make one snapshot.
      setImmediate(() => {
        flushScheduled = false;
        for (const s of dirty) sendEvent("presence", presence.snapshot(s));
        dirty.clear();
      });
    };

    const unsubscribe = bus.subscribe(split, (event) => {
      if (event.type !== "presence") sendEvent(event.type, event);
    });
    const stopWatching = presence.onChange(presenceChanged);
    const ping = setInterval(() => send(() => stream.write(": ping\n\n")), heartbeatMs);
    stream.onAbort(() => end());
    enders.add(end);
    try {
      send(() => stream.write(`retry: ${STREAM_RETRY_MS}\n: connected\n\n`));
      if (split !== null) sendEvent("presence", presence.snapshot(split));
      await ended;
    } finally {
      enders.delete(end);
      clearInterval(ping);
      unsubscribe();
      stopWatching();
    }
  }

  routes.post("/presence", async (c) => {
    const body = await readJsonBody(c, MAX_PRESENCE_BYTES, "the heartbeat");
    const beat = parseOr400(presenceHeartbeatSchema, body, "invalid_presence");
    if (beat.pairId !== null && !beat.pairId.startsWith(`${beat.split}:`)) {
      throw new HttpError(400, "invalid_presence", `pair ${JSON.stringify(beat.pairId)} is not in split ${JSON.stringify(beat.split)}`);
    }
    if (!(await options.splitExists(beat.split))) throw new HttpError(404, "split_not_found", `no split named ${JSON.stringify(beat.split)}`);
    // In team mode the heartbeat names the signed-in user, whatever name the body carries.
    const event = { type: "presence" as const, ...beat, reviewer: actorOf(c)?.name ?? beat.reviewer, at: Date.now() };
    // Applied here at once, so the answer includes this tab even when the bus delivers later (a
    // PostgreSQL NOTIFY comes back after pg_notify returns); the echo from the bus changes nothing.
    presence.apply(event);
    await bus.publish(event);
    return c.json(presence.snapshot(beat.split));
  });

  return {
    bus,
    presence,
    routes,
    streamCount: () => enders.size,
    decisionSaved(split, pairId, decision) {
      publish({
        type: "decision",
        split,
        pairId,
        status: decision.status,
        version: decision.version,
        reviewer: decision.reviewer,
        updatedAt: decision.updatedAt,
      });
    },
    commentAdded(split, pairId, author, at) {
      publish({ type: "comment", split, pairId, author: author.slice(0, 80), at });
    },
    roundChanged(event) {
      publish({ type: "round", ...event });
    },
    imported(split, pairs) {
      publish({ type: "imported", split, pairs });
    },
    async close() {
      for (const end of [...enders]) end();
      stopPresence();
      stopResync?.();
      presence.close();
      await bus.close();
    },
  };
}
