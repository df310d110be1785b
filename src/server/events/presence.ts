import type { PresenceEvent, PresenceSnapshot, Viewer } from "../../shared/events";

/*
 * Who has which pair open, rebuilt in every server process from the presence events on the bus
 * (so with a shared bus every process agrees). A tab heartbeats every ~10 s; an entry not renewed
 * for `ttlMs` is dropped, so a closed laptop stops saying "bob has this pair open" on its own.
 */

export const PRESENCE_TTL_MS = 30_000;
/** A split's snapshot lists at most this many tabs (the stream message stays small). */
export const MAX_VIEWERS = 200;
/** Tabs tracked per split; heartbeats of further new tabs are ignored until some expire. */
export const MAX_SESSIONS = 2_000;

interface Entry {
  reviewer: string;
  pairId: string;
  at: number;
}

export interface PresenceTracker {
  /** Applies a heartbeat (pairId null removes the tab); tells `onChange` listeners when it changed. */
  apply(event: PresenceEvent): void;
  /** Drops entries older than the TTL; runs on a timer, callable from tests. */
  sweep(): void;
  snapshot(split: string): PresenceSnapshot;
  /** Called with the split whose presence changed. Returns the unsubscribe function. */
  onChange(listener: (split: string) => void): () => void;
  listenerCount(): number;
  close(): void;
}

export interface PresenceOptions {
  ttlMs?: number;
  now?: () => number;
  /** How often expired entries are swept; 0 disables the timer (tests call `sweep`). */
  sweepMs?: number;
}

export function createPresenceTracker(options: PresenceOptions = {}): PresenceTracker {
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  const now = options.now ?? Date.now;
  const splits = new Map<string, Map<string, Entry>>();
  const listeners = new Set<(split: string) => void>();

  function changed(split: string) {
    for (const listener of [...listeners]) {
      try {
        listener(split);
      } catch {
        // A failing stream must not stop the others from hearing about the change.
      }
    }
  }

  function sweep() {
    const cutoff = now() - ttlMs;
    for (const [split, sessions] of splits) {
      let removed = false;
      for (const [session, entry] of sessions) {
        if (entry.at <= cutoff) {
          sessions.delete(session);
          removed = true;
        }
      }
      if (sessions.size === 0) splits.delete(split);
      if (removed) changed(split);
    }
  }

  const sweepMs = options.sweepMs ?? 5_000;
  const timer = sweepMs > 0 ? setInterval(sweep, sweepMs) : null;
  timer?.unref();

  return {
    apply(event) {
      let sessions = splits.get(event.split);
      const before = sessions?.get(event.session);
      if (event.pairId === null) {
        if (!before) return;
        sessions!.delete(event.session);
        if (sessions!.size === 0) splits.delete(event.split);
        changed(event.split);
        return;
      }
      if (!sessions) splits.set(event.split, (sessions = new Map()));
      if (!before && sessions.size >= MAX_SESSIONS) return;
      // A heartbeat from the future (clock skew between servers) counts as now.
      sessions.set(event.session, { reviewer: event.reviewer, pairId: event.pairId, at: Math.min(event.at, now()) });
      if (!before || before.pairId !== event.pairId || before.reviewer !== event.reviewer) changed(event.split);
    },
    sweep,
    snapshot(split) {
      const viewers: Viewer[] = [];
      for (const [session, entry] of splits.get(split) ?? []) {
        if (viewers.length >= MAX_VIEWERS) break;
        viewers.push({ reviewer: entry.reviewer, session, pairId: entry.pairId });
      }
      viewers.sort((a, b) => a.reviewer.localeCompare(b.reviewer) || a.session.localeCompare(b.session));
      return { split, viewers };
    },
    onChange(listener) {
      const entry = (split: string) => listener(split);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    listenerCount: () => listeners.size,
    close() {
      if (timer) clearInterval(timer);
      listeners.clear();
      splits.clear();
    },
  };
}
