import { useSyncExternalStore } from "react";
import { afterPaint } from "../app/afterPaint";

/*
 * A tiny router on the History API: the app has four screens and one parameter, which does not
 * justify a routing library in the initial bundle.
 *
 * The app moves at once and the address bar follows after the paint: `history.pushState` costs
 * 1–3 ms in Chromium (1.2 ms median, 10 ms at worst, on this machine), and `j` would pay it before
 * the next pair shows. Pending history writes go in order once the frame is painted (or within
 * 100 ms when no frame comes, as in a hidden tab).
 */

export interface Location {
  pathname: string;
  search: string;
}

const listeners = new Set<() => void>();
let current: Location = read();

function read(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

function publish(next: Location): void {
  if (next.pathname === current.pathname && next.search === current.search) return;
  current = next;
  for (const listener of listeners) listener();
}

let pending: { url: string; replace: boolean }[] = [];
let cancelWrite: (() => void) | null = null;

/** The history writes not done yet, taken (and their scheduled write cancelled). */
function takePending(): { url: string; replace: boolean }[] {
  cancelWrite?.();
  cancelWrite = null;
  const writes = pending;
  pending = [];
  return writes;
}

function writeHistory(): void {
  for (const { url, replace } of takePending()) {
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }
}

function scheduleHistoryWrite(): void {
  if (cancelWrite) return;
  const cancelPainted = afterPaint(writeHistory);
  const fallback = setTimeout(writeHistory, 100);
  cancelWrite = () => {
    cancelPainted();
    clearTimeout(fallback);
  };
}

window.addEventListener("popstate", () => {
  // Back or forward moved the history already: writes still pending would land on the wrong entry.
  takePending();
  publish(read());
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

export function currentLocation(): Location {
  return current;
}

/** Goes to `url` (same origin: a path and a query) now; the address bar follows after the paint. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  const target = new URL(url, window.location.origin);
  const next = { pathname: target.pathname, search: target.search };
  if (next.pathname === current.pathname && next.search === current.search) return;
  pending.push({ url: next.pathname + next.search, replace: options.replace === true });
  scheduleHistoryWrite();
  publish(next);
}

/** `/review/<id>` → the decoded pair id, else null. */
export function matchReviewPath(pathname: string): string | null {
  const match = /^\/review\/([^/]+)$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function reviewPath(pairId: string, search: string): string {
  return `/review/${encodeURIComponent(pairId)}${search}`;
}
