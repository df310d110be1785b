/*
 * Live sync scheduling (SPEC section 5, `serve --sync-to DIR`): after decisions on a split, rewrite
 * its synced files once things go quiet, never on every decision and never inside a write.
 *
 * Per split: a debounce (`debounceMs` after the last decision) capped by `maxWaitMs` after the first
 * unsynced one, so a steady stream of decisions still syncs regularly; at most one write runs at a
 * time, and decisions arriving during a write coalesce into one more write after it.
 */

export interface LiveSyncOptions {
  /** Writes the split's files (atomically); called at most once at a time per split. */
  write(split: string): Promise<void>;
  debounceMs?: number;
  maxWaitMs?: number;
  onError?(split: string, error: unknown): void;
}

interface SplitState {
  timer: ReturnType<typeof setTimeout> | null;
  /** When the oldest decision not yet covered by a write arrived; null when none is waiting. */
  dirtySince: number | null;
  running: Promise<void> | null;
}

export interface LiveSync {
  /** A decision on `split` was saved. Cheap: only (re)arms a timer. */
  notify(split: string): void;
  /** Writes every split with waiting decisions now and waits for all writes (shutdown, tests). */
  flush(): Promise<void>;
  /** Stops the timers after a final flush. */
  close(): Promise<void>;
}

export function createLiveSync(options: LiveSyncOptions): LiveSync {
  const debounceMs = options.debounceMs ?? 2_000;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const states = new Map<string, SplitState>();
  let closed = false;

  const stateOf = (split: string): SplitState => {
    let state = states.get(split);
    if (!state) {
      state = { timer: null, dirtySince: null, running: null };
      states.set(split, state);
    }
    return state;
  };

  const run = (split: string, state: SplitState): Promise<void> => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    state.dirtySince = null;
    const writing = options
      .write(split)
      .catch((error: unknown) => options.onError?.(split, error))
      .finally(() => {
        state.running = null;
        // Decisions that arrived during the write need one more.
        if (state.dirtySince !== null && !closed) arm(split, state);
      });
    state.running = writing;
    return writing;
  };

  const arm = (split: string, state: SplitState): void => {
    if (state.running) return; // the write's completion re-arms
    const now = Date.now();
    const dirtySince = state.dirtySince ?? now;
    const delay = Math.max(0, Math.min(debounceMs, dirtySince + maxWaitMs - now));
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void run(split, state), delay);
    // A pending sync must not keep a finished process (tests, CLI) alive; shutdown flushes it.
    state.timer.unref?.();
  };

  return {
    notify(split) {
      if (closed) return;
      const state = stateOf(split);
      state.dirtySince ??= Date.now();
      arm(split, state);
    },
    async flush() {
      for (;;) {
        const waits: Promise<void>[] = [];
        for (const [split, state] of states) {
          if (state.running) waits.push(state.running);
          else if (state.dirtySince !== null) waits.push(run(split, state));
        }
        if (waits.length === 0) return;
        await Promise.all(waits);
      }
    },
    async close() {
      await this.flush();
      closed = true;
      for (const state of states.values()) if (state.timer) clearTimeout(state.timer);
    },
  };
}
