import pg from "pg";
import type { BusEvent } from "../../shared/events";
import { BusyError } from "../storage/errors";
import { clientConfig } from "../storage/pg/connection";
import { createLocalFanout, decodeEvent, encodeEvent, type EventBus } from "./bus";

/*
 * The event bus of N server processes on one PostgreSQL database: `publish` is
 * `SELECT pg_notify(channel, json)` on a small pool, and each process holds one dedicated client
 * (outside every pool) that LISTENs on the channel and fans what it hears out to its own
 * subscribers, its own notifications included (PostgreSQL delivers a NOTIFY to every listening
 * session, the sender's too), so one path serves local and remote events alike.
 *
 * A payload comes from another process, perhaps another version or a hostile one: it is parsed by
 * `decodeEvent` (the schema) and dropped when it does not fit. When the listening connection drops
 * (PostgreSQL restarts), the bus reconnects with exponential backoff, LISTENs again and tells
 * `onResync` listeners (the events of the gap are lost: delivery is at-most-once). Nothing here
 * throws out of an event handler: a database outage never crashes the process.
 */

export const DEFAULT_CHANNEL = "mmr_review_events";

export interface PgBusOptions {
  url: string;
  /** LISTEN/NOTIFY channel (an identifier); tests use their own. */
  channel?: string;
  /** false: publish only (the `import` CLI), no listening connection. Default true. */
  listen?: boolean;
  onListenerError?: (error: unknown) => void;
  /** One line per connection state change (lost, reconnected), for the server log. */
  log?: (line: string) => void;
  /** Backoff of reconnect attempts: first delay and cap, in ms (default 100 and 5,000). */
  retryMs?: { first: number; max: number };
}

export interface PgEventBus extends EventBus {
  onResync(listener: () => void): () => void;
  /** Whether the listening connection is up (LISTEN done). */
  listening(): boolean;
  /** Notifications received whose payload failed the schema (dropped). */
  rejectedPayloads(): number;
}

/** Resolves once the first LISTEN succeeded (or rejects with its error, nothing left running). */
export async function createPgBus(options: PgBusOptions): Promise<PgEventBus> {
  const channel = options.channel ?? DEFAULT_CHANNEL;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`channel ${JSON.stringify(channel)}: use lower-case letters, digits and _`);
  const onListenerError = options.onListenerError ?? ((error: unknown) => console.error(error));
  const log = options.log ?? (() => {});
  const retry = options.retryMs ?? { first: 100, max: 5_000 };
  const fanout = createLocalFanout(onListenerError);
  const resyncListeners = new Set<() => void>();
  const config = clientConfig(options.url);

  const publishPool = new pg.Pool({ ...config, max: 2 });
  // An idle publishing client losing its server must not crash the process.
  publishPool.on("error", () => undefined);
  // pg-pool listens for errors only on idle clients; one that loses its server while checked out
  // would emit "error" with nobody listening. Its query fails instead (a BusyError below).
  publishPool.on("connect", (client) => client.on("error", () => undefined));

  let closed = false;
  let client: pg.Client | null = null;
  let up = false;
  let timer: NodeJS.Timeout | null = null;
  let delay = retry.first;
  let rejected = 0;
  let everListened = false;

  function onNotification(message: pg.Notification) {
    if (message.channel !== channel || message.payload === undefined) return;
    const event = decodeEvent(message.payload);
    if (!event) {
      rejected += 1;
      return;
    }
    fanout.deliver(event);
  }

  async function connect(): Promise<void> {
    const next = new pg.Client(config);
    // Attached before connect: an error event without a handler would crash the process.
    next.on("error", () => lost(next));
    next.on("end", () => lost(next));
    next.on("notification", onNotification);
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      next.removeAllListeners("end");
      next.removeAllListeners("error");
      next.on("error", () => undefined);
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    up = true;
    delay = retry.first;
    if (everListened) {
      log("live updates: listening on PostgreSQL again");
      for (const listener of [...resyncListeners]) {
        try {
          listener();
        } catch (error) {
          onListenerError(error);
        }
      }
    }
    everListened = true;
  }

  function lost(which: pg.Client) {
    if (which !== client || closed) return;
    client = null;
    up = false;
    which.removeAllListeners("notification");
    which.end().catch(() => undefined);
    log("live updates: lost the PostgreSQL connection; reconnecting");
    schedule();
  }

  function schedule() {
    if (closed || timer) return;
    // Full jitter, so N servers do not reconnect in lockstep.
    const wait = Math.round(delay / 2 + (Math.random() * delay) / 2);
    delay = Math.min(delay * 2, retry.max);
    timer = setTimeout(() => {
      timer = null;
      connect().catch(() => schedule());
    }, wait);
    timer.unref();
  }

  if (options.listen !== false) {
    try {
      await connect();
    } catch (error) {
      await publishPool.end().catch(() => undefined);
      throw error;
    }
  }

  return {
    async publish(event: BusEvent) {
      if (closed) return;
      const json = encodeEvent(event);
      try {
        await publishPool.query("SELECT pg_notify($1, $2)", [channel, json]);
      } catch (error) {
        if (closed) return;
        throw new BusyError(`live update not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    subscribe(split, listener) {
      if (closed) return () => {};
      return fanout.subscribe(split, listener);
    },
    subscriberCount: () => fanout.count(),
    onResync(listener) {
      const entry = () => listener();
      resyncListeners.add(entry);
      return () => void resyncListeners.delete(entry);
    },
    listening: () => up,
    rejectedPayloads: () => rejected,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      fanout.clear();
      resyncListeners.clear();
      const current = client;
      client = null;
      up = false;
      if (current) {
        current.removeAllListeners("end");
        await current.end().catch(() => undefined);
      }
      await publishPool.end().catch(() => undefined);
    },
  };
}
