import type { Thumb } from "../../../shared/insightsApi";
import { MAX_THUMB_IDS } from "../../../shared/insightsApi";
import { fetchThumbs } from "../../api/insightsClient";
import { loadImage } from "../../canvas/imageCache";
import { WeightedLru } from "../../canvas/lru";
import { renderThumb } from "./thumbRender";

/*
 * Rendered thumbnails by pair id: each card is painted once into an ImageBitmap and reused while
 * scrolling back and forth. Cards that mount in the same tick share one `/thumbs` request.
 */

export type ThumbBitmap = ImageBitmap | OffscreenCanvas | HTMLCanvasElement;

/**
 * ~400 cards of 320×240 RGBA ≈ 120 MB at most; plenty for scrolling back a few screens. Evicted
 * bitmaps are left to the GC rather than closed: a card may be drawing one at that moment.
 */
const rendered = new WeightedLru<string, ThumbBitmap>(400);
const inFlight = new Map<string, Promise<ThumbBitmap>>();
let queued = new Map<string, { resolve: (thumb: Thumb | null) => void; reject: (error: unknown) => void }>();
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
        for (const id of chunk) batch.get(id)?.resolve(byId.get(id) ?? null);
      },
      (error: unknown) => {
        for (const id of chunk) batch.get(id)?.reject(error);
      },
    );
  }
}

function thumbData(id: string): Promise<Thumb | null> {
  return new Promise((resolve, reject) => {
    queued.set(id, { resolve, reject });
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

async function build(id: string): Promise<ThumbBitmap> {
  const thumb = await thumbData(id);
  if (!thumb) throw new Error(`no pair ${id}`);
  const image = await loadImage(thumb.url);
  return scheduled(async () => {
    const canvas = renderThumb(thumb, image);
    return typeof createImageBitmap === "function" ? createImageBitmap(canvas) : canvas;
  });
}

/**
 * Cache key of a card's picture: the pair and its decision version, so any decision or edit
 * (a swapped target keeps the count but not the masks) repaints the card.
 */
function cacheKey(id: string, version: number): string {
  return `${id}@${version}`;
}

export function peekThumb(id: string, version: number): ThumbBitmap | undefined {
  return rendered.get(cacheKey(id, version));
}

export function loadThumb(id: string, version: number): Promise<ThumbBitmap> {
  const key = cacheKey(id, version);
  const hit = rendered.get(key);
  if (hit) return Promise.resolve(hit);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = build(id).finally(() => inFlight.delete(key));
    pending.then((bitmap) => rendered.set(key, bitmap, 1), () => undefined);
    inFlight.set(key, pending);
  }
  return pending;
}
