import type { Thumb } from "../../../shared/insightsApi";
import { MAX_THUMB_IDS } from "../../../shared/insightsApi";
import { fetchThumbs } from "../../api/insightsClient";
import { loadImage } from "../../canvas/imageCache";
import { WeightedLru } from "../../canvas/lru";
import { targetColor } from "../../canvas/palette";
import { renderThumb, THUMB_H, THUMB_W } from "./thumbRender";

/*
 * Rendered thumbnails by pair id: each card is painted once into an ImageBitmap and reused while
 * scrolling back and forth. Cards that mount in the same tick share one `/thumbs` request.
 */

export type ThumbBitmap = ImageBitmap | OffscreenCanvas | HTMLCanvasElement;

/** A painted card: its picture and, in placeholder order, the names of the targets painted. */
export interface ThumbEntry {
  bitmap: ThumbBitmap;
  targets: { name: string; color: string }[];
}

/**
 * ~400 cards of 320×240 RGBA ≈ 120 MB at most; plenty for scrolling back a few screens. Evicted
 * bitmaps are left to the GC rather than closed: a card may be drawing one at that moment.
 */
const rendered = new WeightedLru<string, ThumbEntry>(400);
const inFlight = new Map<string, Promise<ThumbEntry>>();
/** Hover-to-enlarge pictures (4× the pixels of a card): only the last few. */
const large = new WeightedLru<string, ThumbEntry>(12);
const largeInFlight = new Map<string, Promise<ThumbEntry>>();
export const LARGE_SCALE = 2;
type Waiter = { resolve: (thumb: Thumb | null) => void; reject: (error: unknown) => void };
let queued = new Map<string, Waiter[]>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const batch = queued;
  queued = new Map();
  const ids = [...batch.keys()];
  for (let start = 0; start < ids.length; start += MAX_THUMB_IDS) {
    const chunk = ids.slice(start, start + MAX_THUMB_IDS);
    fetchThumbs(chunk).then(
      (thumbs) => {
        const byId = new Map(thumbs.map((t) => [t.id, t]));
        for (const id of chunk) for (const w of batch.get(id) ?? []) w.resolve(byId.get(id) ?? null);
      },
      (error: unknown) => {
        for (const id of chunk) for (const w of batch.get(id) ?? []) w.reject(error);
      },
    );
  }
}

function thumbData(id: string): Promise<Thumb | null> {
  return new Promise((resolve, reject) => {
    queued.set(id, [...(queued.get(id) ?? []), { resolve, reject }]);
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(flush, 0);
    }
  });
}

/** One render per macrotask, so a screenful of new cards never blocks scrolling for long. */
let renderChain: Promise<unknown> = Promise.resolve();
function scheduled<T>(work: () => Promise<T>): Promise<T> {
  const next = renderChain.then(() => new Promise((r) => setTimeout(r, 0))).then(work);
  renderChain = next.catch(() => undefined);
  return next;
}

async function build(id: string, scale = 1): Promise<ThumbEntry> {
  const thumb = await thumbData(id);
  if (!thumb) throw new Error(`no pair ${id}`);
  const image = await loadImage(thumb.url);
  return scheduled(async () => {
    const canvas = renderThumb(thumb, image, THUMB_W * scale, THUMB_H * scale);
    const bitmap = typeof createImageBitmap === "function" ? await createImageBitmap(canvas) : canvas;
    return { bitmap, targets: thumb.targets.map((t, k) => ({ name: t.instanceName, color: targetColor(k) })) };
  });
}

/**
 * Cache key of a card's picture: the pair and its decision version, so any decision that changes
 * the targets (a swap keeps their count) repaints the card instead of showing the old masks.
 */
export function thumbKey(id: string, version: number): string {
  return `${id}#v${version}`;
}

export function peekThumb(id: string, version: number): ThumbEntry | undefined {
  return rendered.get(thumbKey(id, version));
}

function cached(lru: WeightedLru<string, ThumbEntry>, flights: Map<string, Promise<ThumbEntry>>, key: string, make: () => Promise<ThumbEntry>) {
  const hit = lru.get(key);
  if (hit) return Promise.resolve(hit);
  let pending = flights.get(key);
  if (!pending) {
    pending = make().finally(() => flights.delete(key));
    pending.then((entry) => lru.set(key, entry, 1), () => undefined);
    flights.set(key, pending);
  }
  return pending;
}

export function loadThumb(id: string, version: number): Promise<ThumbEntry> {
  return cached(rendered, inFlight, thumbKey(id, version), () => build(id));
}

/** The same picture at twice the size, for hover-to-enlarge. */
export function loadLargeThumb(id: string, version: number): Promise<ThumbEntry> {
  return cached(large, largeInFlight, thumbKey(id, version), () => build(id, LARGE_SCALE));
}
