import type { Box } from "./viewport";

/* Which mask is under the pointer: found from the decoded masks, not from a Konva hit canvas. */

export interface HitCandidate {
  index: number;
  area: number;
  /** Tight box of the mask's pixels, [x, y, w, h] in image pixels. */
  box: Box;
  /** Column-major 0/1 over the box only: pixel (x, y) at (x - box x) * box h + (y - box y). */
  bits: Uint8Array;
}

export function maskContains(m: HitCandidate, x: number, y: number): boolean {
  const px = Math.floor(x) - m.box[0];
  const py = Math.floor(y) - m.box[1];
  if (px < 0 || py < 0 || px >= m.box[2] || py >= m.box[3]) return false;
  return m.bits[px * m.box[3] + py] === 1;
}

/**
 * The annotation index of the smallest mask containing image point (x, y), or null.
 * SPEC: where masks overlap, the smallest under the pointer wins (a part over its object).
 * Equal areas: the earlier candidate wins, so callers list targets first.
 */
export function hitTest(x: number, y: number, candidates: Iterable<HitCandidate>): number | null {
  let best: HitCandidate | null = null;
  for (const c of candidates) {
    if (c.area === 0 || (best && c.area >= best.area)) continue;
    if (maskContains(c, x, y)) best = c;
  }
  return best ? best.index : null;
}
