import type { Random } from "../sample/random";

/*
 * Mask perturbations for generated predictions, on row-major 0/1 masks (index y * width + x).
 * Work is limited to the mask's box grown by the radius, so a small part in a large image is cheap.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number; // exclusive
  y1: number; // exclusive
}

/** The box of the 1s, or null for an empty mask. */
export function onesBox(mask: Uint8Array, h: number, w: number): Box | null {
  let x0 = w;
  let y0 = h;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (mask[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Dilation (any 1 within the square of radius r) or erosion (all 1s within it), separably: rows
 * then columns, each with a prefix sum over the window.
 */
export function morph(mask: Uint8Array, h: number, w: number, r: number, dilate: boolean): Uint8Array {
  const box = onesBox(mask, h, w);
  if (!box || r <= 0) return mask.slice();
  const x0 = Math.max(0, box.x0 - r);
  const x1 = Math.min(w, box.x1 + r);
  const y0 = Math.max(0, box.y0 - r);
  const y1 = Math.min(h, box.y1 + r);
  const tmp = new Uint8Array(h * w);
  const out = new Uint8Array(h * w);
  const prefix = new Int32Array(Math.max(w, h) + 1);
  const pass = (src: Uint8Array, dst: Uint8Array, horizontal: boolean): void => {
    const outerFrom = horizontal ? y0 : x0;
    const outerTo = horizontal ? y1 : x1;
    const innerFrom = horizontal ? x0 : y0;
    const innerTo = horizontal ? x1 : y1;
    const length = horizontal ? w : h;
    for (let o = outerFrom; o < outerTo; o++) {
      const at = (i: number): number => (horizontal ? o * w + i : i * w + o);
      prefix[0] = 0;
      for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i]! + (src[at(i)] ? 1 : 0);
      for (let i = innerFrom; i < innerTo; i++) {
        const lo = Math.max(0, i - r);
        const hi = Math.min(length, i + r + 1);
        const ones = prefix[hi]! - prefix[lo]!;
        // Erosion treats the image border as background, as a model's mask would not run past it.
        const set = dilate ? ones > 0 : ones === 2 * r + 1;
        dst[at(i)] = set ? 1 : 0;
      }
    }
  };
  pass(mask, tmp, true);
  pass(tmp, out, false);
  return out;
}

/** The mask moved by (dx, dy); what leaves the image is lost. */
export function shift(mask: Uint8Array, h: number, w: number, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(h * w);
  const box = onesBox(mask, h, w);
  if (!box) return out;
  for (let y = box.y0; y < box.y1; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= h) continue;
    for (let x = box.x0; x < box.x1; x++) {
      const tx = x + dx;
      if (mask[y * w + x] && tx >= 0 && tx < w) out[ty * w + tx] = 1;
    }
  }
  return out;
}

/** Adds a filled ellipse somewhere in the image (a spurious blob). */
export function addBlob(mask: Uint8Array, h: number, w: number, rnd: Random): Uint8Array {
  const out = mask.slice();
  const rx = rnd.range(0.03, 0.12) * w;
  const ry = rnd.range(0.03, 0.12) * h;
  const cx = rnd.range(rx, w - rx);
  const cy = rnd.range(ry, h - ry);
  for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(h, Math.ceil(cy + ry)); y++) {
    for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(w, Math.ceil(cx + rx)); x++) {
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) out[y * w + x] = 1;
    }
  }
  return out;
}

export type Perturbation = "none" | "erode" | "dilate" | "shift" | "drop" | "swap" | "blob";

/**
 * Perturbs a pair's target masks for a model of quality q (0 = hopeless, 1 = perfect): each target
 * is left alone with probability q, else hit by one perturbation whose strength grows with 1 - q.
 * `drop` leaves an empty mask in place (the number of masks stays the number of targets) unless
 * `dropEntries`, which removes the entry (a count mismatch, as a model emitting fewer [SEG] does).
 */
export function perturbPair(
  masks: Uint8Array[],
  h: number,
  w: number,
  q: number,
  rnd: Random,
  dropEntries = false,
): { masks: (Uint8Array | null)[]; applied: Perturbation[] } {
  const out: (Uint8Array | null)[] = masks.map((m) => m);
  const applied: Perturbation[] = [];
  const strength = 1 - q;
  const scale = Math.max(2, Math.round(Math.min(h, w) * 0.04 * strength * 2));
  for (let k = 0; k < out.length; k++) {
    if (rnd.chance(q)) {
      applied.push("none");
      continue;
    }
    const kind = rnd.pick<Perturbation>(["erode", "erode", "dilate", "dilate", "shift", "shift", "drop", "swap", "blob"]);
    const m = out[k];
    if (!m) continue;
    applied.push(kind);
    switch (kind) {
      case "erode":
      case "dilate":
        out[k] = morph(m, h, w, rnd.int(1, scale), kind === "dilate");
        break;
      case "shift":
        out[k] = shift(m, h, w, rnd.int(-scale * 2, scale * 2), rnd.int(-scale * 2, scale * 2));
        break;
      case "drop":
        out[k] = dropEntries ? null : new Uint8Array(h * w);
        break;
      case "swap": {
        if (out.length < 2) {
          out[k] = morph(m, h, w, 1, true);
          break;
        }
        const j = (k + 1 + rnd.int(0, out.length - 2)) % out.length;
        const other = out[j] ?? null;
        out[j] = m;
        out[k] = other;
        break;
      }
      case "blob":
        out[k] = addBlob(m, h, w, rnd);
        break;
      case "none":
        break;
    }
  }
  return { masks: out, applied };
}
