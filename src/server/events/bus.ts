import { z } from "zod";
import { MAX_EVENT_BYTES, commentEventSchema, decisionEventSchema, importedEventSchema, presenceEventSchema, type BusEvent } from "../../shared/events";
import { roundEventSchema } from "../../shared/roundEvents";

/*
 * Publish/subscribe of live-update events. The in-process bus below serves SQLite (one server
 * process). The interface is shaped so a PostgreSQL bus can implement it with one LISTEN channel:
 * `publish` is async (a NOTIFY round trip) and refuses events over MAX_EVENT_BYTES of JSON (the
 * NOTIFY payload limit), delivery is asynchronous and at-most-once, and subscribers filter by split
 * locally, so a PG bus fans one channel out to this process's listeners exactly like this one.
 */

/** Every event a bus carries (the client parses only the stream messages it uses). */
export const busEventSchema: z.ZodType<BusEvent> = z.discriminatedUnion("type", [decisionEventSchema, importedEventSchema, presenceEventSchema, commentEventSchema, roundEventSchema]);

export type EventListener = (event: BusEvent) => void;

export interface EventBus {
  /** Validates and delivers to every subscriber of the event's split (and to those of all splits). */
  publish(event: BusEvent): Promise<void>;
  /** `split` null hears every split. Returns the unsubscribe function (idempotent). */
  subscribe(split: string | null, listener: EventListener): () => void;
  /** Current subscriptions, for leak checks and the `/api/events` cap. */
  subscriberCount(): number;
  /** Drops every subscriber; later publishes are no-ops. */
  close(): Promise<void>;
  /**
   * Called after the bus lost its connection and got it back (PostgreSQL restarted): events of the
   * gap are gone, so whoever shows state from events should refetch. In-process buses never call it.
   */
  onResync?(listener: () => void): () => void;
}

export class EventTooLargeError extends Error {
  constructor(bytes: number) {
    super(`event of ${bytes} bytes exceeds the ${MAX_EVENT_BYTES}-byte limit`);
    this.name = "EventTooLargeError";
  }
}

/** The JSON an event travels as, checked against the schema and the size limit. */
export function encodeEvent(event: BusEvent): string {
  const parsed = busEventSchema.parse(event);
  const json = JSON.stringify(parsed);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(bytes);
  return json;
}

/** What a bus hands its listeners from a payload (another process's NOTIFY is untrusted input). */
export function decodeEvent(json: string): BusEvent | null {
  try {
    const parsed = busEventSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface InProcessBusOptions {
  /** Where a throwing listener is reported; it never stops delivery to the others. */
  onListenerError?: (error: unknown) => void;
}

/**
 * Subscriptions of one process, filtered by split: the part every bus shares (the in-process bus
 * delivers published events to it, the PostgreSQL bus the notifications it receives).
 */
export interface LocalFanout {
  subscribe(split: string | null, listener: EventListener): () => void;
  deliver(event: BusEvent): void;
  count(): number;
  clear(): void;
}

export function createLocalFanout(onListenerError: (error: unknown) => void): LocalFanout {
  // Key "" holds the subscribers of every split (split names are never empty).
  const listeners = new Map<string, Set<EventListener>>();
  let count = 0;

  function deliverTo(key: string, event: BusEvent) {
    const set = listeners.get(key);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  return {
    subscribe(split, listener) {
      const key = split ?? "";
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      // Each subscription is its own entry, even for a listener subscribed twice.
      const entry: EventListener = (event) => listener(event);
      set.add(entry);
      count += 1;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        const current = listeners.get(key);
        if (current?.delete(entry)) count -= 1;
        if (current && current.size === 0) listeners.delete(key);
      };
    },
    deliver(event) {
      deliverTo(event.split, event);
      deliverTo("", event);
    },
    count: () => count,
    clear() {
      listeners.clear();
      count = 0;
    },
  };
}

export function createInProcessBus(options: InProcessBusOptions = {}): EventBus {
  const onListenerError = options.onListenerError ?? ((error: unknown) => console.error(error));
  const fanout = createLocalFanout(onListenerError);
  let closed = false;

  return {
    publish(event) {
      if (closed) return Promise.resolve();
      let copy: BusEvent | null;
      try {
        // Round-trip through JSON like a NOTIFY would, so nobody relies on sharing the object.
        copy = decodeEvent(encodeEvent(event));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (!copy) return Promise.resolve();
      return new Promise<void>((done) => {
        // Delivered after the publisher's turn: a listener never runs inside a write.
        setImmediate(() => {
          fanout.deliver(copy);
          done();
        });
      });
    },
    subscribe(split, listener) {
      if (closed) return () => {};
      return fanout.subscribe(split, listener);
    },
    subscriberCount: () => fanout.count(),
    close() {
      closed = true;
      fanout.clear();
      return Promise.resolve();
    },
  };
}
