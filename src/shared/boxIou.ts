import type { Box } from "./answers";

/*
 * The box comparison of the `box_mismatch` check, in a module of its own so the review screen's
 * flag list can explain a mismatch without loading every check (src/shared/checks.ts).
 */

export const BOX_IOU_THRESHOLD = 0.5;

/** IoU of two `[x1, y1, x2, y2]` boxes; two identical degenerate boxes count as a match. */
export function boxIou(a: Box, b: Box): number {
  const ix = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const iy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  // Stryker disable next-line EqualityOperator: equivalent, a side of 0 gives an intersection of 0 either way
  const inter = ix > 0 && iy > 0 ? ix * iy : 0;
  const areaA = Math.max(0, a[2] - a[0]) * Math.max(0, a[3] - a[1]);
  const areaB = Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
  const union = areaA + areaB - inter;
  if (union <= 0) return a.every((v, i) => v === b[i]) ? 1 : 0;
  return inter / union;
}
