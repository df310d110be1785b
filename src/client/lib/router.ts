import { useSyncExternalStore } from "react";

/*
 * A tiny router on the History API: the app has four screens and one parameter, which does not
 * justify a routing library in the initial bundle.
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

function publish(): void {
  const next = read();
  if (next.pathname === current.pathname && next.search === current.search) return;
  current = next;
  for (const listener of listeners) listener();
}

window.addEventListener("popstate", publish);

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

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search;
  if (url === here) return;
  if (options.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  publish();
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
