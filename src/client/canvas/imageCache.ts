import { WeightedLru } from "./lru";

/*
 * Images by URL, fetched and decoded once (createImageBitmap decodes off the main thread), so a
 * prefetched pair draws without waiting. Subscribable for useSyncExternalStore.
 */

export type ImageResult =
  | { ok: true; bitmap: ImageBitmap | HTMLImageElement; width: number; height: number }
  | { ok: false; status: number };

/** ~64 images; evicted bitmaps are left to the GC rather than closed: one may still be drawn. */
const done = new WeightedLru<string, ImageResult>(64);
const pending = new Map<string, Promise<ImageResult>>();
const listeners = new Set<() => void>();

export function subscribeImages(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads without touching recency (React calls this on every render). */
export function peekImage(url: string): ImageResult | undefined {
  return done.peek(url);
}

async function fetchImage(url: string): Promise<ImageResult> {
  const res = await fetch(url);
  if (!res.ok) return { ok: false, status: res.status };
  const blob = await res.blob();
  try {
    const bitmap = await createImageBitmap(blob);
    return { ok: true, bitmap, width: bitmap.width, height: bitmap.height };
  } catch {
    return { ok: false, status: 415 };
  }
}

export function loadImage(url: string): Promise<ImageResult> {
  const hit = done.get(url);
  // A network failure (status 0) is shown but retried on the next load.
  if (hit && (hit.ok || hit.status !== 0)) return Promise.resolve(hit);
  let p = pending.get(url);
  if (p) return p;
  p = fetchImage(url).then(
    (result) => {
      pending.delete(url);
      done.set(url, result, 1);
      for (const l of listeners) l();
      return result;
    },
    () => {
      pending.delete(url);
      const result: ImageResult = { ok: false, status: 0 };
      done.set(url, result, 1);
      for (const l of listeners) l();
      return result;
    },
  );
  pending.set(url, p);
  return p;
}
