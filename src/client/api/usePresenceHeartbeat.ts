import { useEffect } from "react";
import { afterPaint } from "../app/afterPaint";
import { parsePairId } from "../../shared/domain";
import { presenceSnapshotSchema } from "../../shared/events";
import { useReviewerStore } from "../app/reviewerStore";
import { tabSession, useLiveStore } from "./liveStore";

/** The server forgets a tab 30 s after its last heartbeat; every 10 s survives two lost ones. */
export const HEARTBEAT_MS = 10_000;

function beat(split: string, pairId: string | null, reviewer: string, keepalive = false): void {
  void fetch("/api/presence", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ split, pairId, reviewer, session: tabSession }),
    keepalive,
  })
    .then(async (response) => {
      if (!response.ok) return;
      const snapshot = presenceSnapshotSchema.safeParse(await response.json());
      if (snapshot.success) useLiveStore.getState().presenceReceived(snapshot.data);
    })
    // Presence is a courtesy: offline or refused, the review goes on.
    .catch(() => {});
}

/** A "closed the pair" heartbeat waiting to see whether the next pair opens in the same commit. */
let pendingLeave: ReturnType<typeof setTimeout> | null = null;

/** Tells the server (and so the team) that this tab has `pairId` open, while it has. */
export function usePresenceHeartbeat(pairId: string): void {
  const reviewer = useReviewerStore((s) => s.name);
  useEffect(() => {
    // Moving to the next pair: its heartbeat replaces this tab's entry, so no "left" is sent
    // (it could arrive after the new heartbeat and hide us until the next one).
    if (pendingLeave) clearTimeout(pendingLeave);
    pendingLeave = null;
    const split = parsePairId(pairId)?.split;
    if (!split || !reviewer) return;
    // After the paint: `j` shows the next pair first, then tells the team.
    const cancelFirst = afterPaint(() => beat(split, pairId, reviewer));
    const timer = setInterval(() => beat(split, pairId, reviewer), HEARTBEAT_MS);
    // The live stream came back (its server or the database restarted, or a proxy sent us to
    // another server): that server may not know this tab yet, so tell it now, not in 10 s.
    const stopWatching = useLiveStore.subscribe((state, before) => {
      if (state.connected && !before.connected) beat(split, pairId, reviewer);
    });
    const leave = () => beat(split, null, reviewer, true);
    window.addEventListener("pagehide", leave);
    return () => {
      cancelFirst();
      clearInterval(timer);
      stopWatching();
      window.removeEventListener("pagehide", leave);
      // Leaving the review screen says so at once.
      pendingLeave = setTimeout(leave, 0);
    };
  }, [pairId, reviewer]);
}
