import { create } from "zustand";
import type { PresenceSnapshot, Viewer } from "../../shared/events";

/* What the live-update stream told this tab: who has which pair open, and others' decisions. */

/** This browser tab, in presence heartbeats (so two tabs of one reviewer are told apart). */
export const tabSession: string = (() => {
  const random = typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  return random.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64) || "tab";
})();

export interface RemoteDecision {
  reviewer: string;
  status: string;
  version: number;
}

interface LiveState {
  /** Latest presence snapshot per split. */
  viewers: Record<string, Viewer[]>;
  /** The latest decision on a pair made elsewhere (another reviewer or tab), by pair id. */
  remote: Record<string, RemoteDecision>;
  /** The stream is connected. */
  connected: boolean;
  presenceReceived: (snapshot: PresenceSnapshot) => void;
  remoteDecided: (pairId: string, decision: RemoteDecision) => void;
  connectionChanged: (connected: boolean) => void;
}

/** Kept small: only the last few remote decisions matter (the open pair's). */
const MAX_REMOTE = 200;

export const useLiveStore = create<LiveState>()((set) => ({
  viewers: {},
  remote: {},
  connected: false,
  presenceReceived: (snapshot) => set((s) => ({ viewers: { ...s.viewers, [snapshot.split]: snapshot.viewers } })),
  remoteDecided: (pairId, decision) =>
    set((s) => {
      const entries = Object.entries(s.remote).filter(([id]) => id !== pairId);
      return { remote: Object.fromEntries([...entries.slice(-(MAX_REMOTE - 1)), [pairId, decision]]) };
    }),
  connectionChanged: (connected) => set({ connected }),
}));

/** Other tabs' reviewers who have `pairId` open (names deduplicated, in order). */
export function othersOnPair(viewers: readonly Viewer[] | undefined, pairId: string, session = tabSession): string[] {
  const names: string[] = [];
  for (const v of viewers ?? []) {
    if (v.pairId === pairId && v.session !== session && !names.includes(v.reviewer)) names.push(v.reviewer);
  }
  return names;
}

/** "bob has this pair open", "bob and carol have …", "bob, carol and 2 others have …". */
export function presenceText(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} has this pair open`;
  if (names.length === 2) return `${names[0]} and ${names[1]} have this pair open`;
  const rest = names.length - 2;
  return `${names[0]}, ${names[1]} and ${rest} other${rest === 1 ? "" : "s"} have this pair open`;
}
