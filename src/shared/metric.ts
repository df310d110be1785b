import type { Granularity } from "./domain";

/*
 * gIoU and cIoU as the official MMR `validate()` computes them (LOADER.md, "The metric"), on COCO
 * counts directly: intersection and union come from one walk over both run lists, without decoding.
 *
 * What `validate()` does per sample, in the terms used here:
 *   for (gt_i, pred_i) in zip(gt_masks, pred_masks):       # stops at the shorter list
 *     I, U = intersection and union of foreground (pred > 0)
 *     inter += I; union += U
 *     acc  += I / (U + 1e-5);  acc += 1.0 when U == 0     # an empty prediction of an empty mask
 *   acc_meter.update(acc / len(gt_masks), n=len(gt_masks))  # so gIoU's denominator is the targets
 *   gIoU = acc_meter.sum / acc_meter.count;  cIoU = sum(inter) / (sum(union) + 1e-10)
 * So a target without a prediction adds 0 to gIoU's sum and 1 to its count, and nothing to cIoU;
 * a prediction beyond the last target is ignored.
 */

/** Intersection and union (in pixels) of the 1s of two count lists laid out at one size. */
export function intersectionAndUnion(a: ArrayLike<number>, b: ArrayLike<number>): { inter: number; union: number } {
  let inter = 0;
  let union = 0;
  // Walk both run lists: at each step consume the shorter remaining run.
  let ia = 0;
  let ib = 0;
  let ra = a.length > 0 ? a[0]! : 0;
  let rb = b.length > 0 ? b[0]! : 0;
  let va = 0;
  let vb = 0;
  const na = a.length;
  const nb = b.length;
  for (;;) {
    // Skip exhausted (zero-length) runs, flipping the value as each run ends.
    while (ra === 0 && ia < na) {
      ia++;
      if (ia >= na) break;
      ra = a[ia]!;
      va ^= 1;
    }
    while (rb === 0 && ib < nb) {
      ib++;
      if (ib >= nb) break;
      rb = b[ib]!;
      vb ^= 1;
    }
    const aDone = ia >= na;
    const bDone = ib >= nb;
    if (aDone && bDone) break;
    if (aDone) {
      // The rest of b is beyond a's end: its 1s are union only.
      if (vb) union += rb;
      for (let k = ib + 1; k < nb; k++) if ((k & 1) === 1) union += b[k]!;
      break;
    }
    if (bDone) {
      if (va) union += ra;
      for (let k = ia + 1; k < na; k++) if ((k & 1) === 1) union += a[k]!;
      break;
    }
    const step = ra < rb ? ra : rb;
    if (va | vb) union += step;
    if (va & vb) inter += step;
    ra -= step;
    rb -= step;
  }
  return { inter, union };
}

/** One target's contribution: its intersection and union with the prediction at its position. */
export interface TargetScore {
  inter: number;
  union: number;
  /** I / (U + 1e-5), or 1.0 when U = 0; null when the model gave no mask for this target. */
  iou: number | null;
}

/** What one pair adds to the sums, counted as `validate()` counts it. */
export interface PairScore {
  targets: TargetScore[];
  /** Number of ground-truth targets (gIoU's denominator share). */
  targetCount: number;
  predictionCount: number;
  /** Sum of per-target IoU over the zipped targets (gIoU's numerator share). */
  iouSum: number;
  inter: number;
  union: number;
}

/** The official per-target IoU: I / (U + 1e-5), and 1.0 for an empty union. */
export function targetIou(inter: number, union: number): number {
  return union === 0 ? 1 : inter / (union + 1e-5);
}

/** Scores a pair: ground-truth counts per target against predicted counts (both at one size each). */
export function scorePair(truth: readonly ArrayLike<number>[], predicted: readonly ArrayLike<number>[]): PairScore {
  const targets: TargetScore[] = [];
  let iouSum = 0;
  let inter = 0;
  let union = 0;
  for (let k = 0; k < truth.length; k++) {
    const p = predicted[k];
    if (p === undefined) {
      targets.push({ inter: 0, union: 0, iou: null });
      continue;
    }
    const s = intersectionAndUnion(truth[k]!, p);
    const iou = targetIou(s.inter, s.union);
    targets.push({ inter: s.inter, union: s.union, iou });
    iouSum += iou;
    inter += s.inter;
    union += s.union;
  }
  return { targets, targetCount: truth.length, predictionCount: predicted.length, iouSum, inter, union };
}

/**
 * The pair's own IoU for sorting by disagreement: its share of gIoU (mean over its targets, a
 * missing prediction counting 0); null for a pair without targets.
 */
export function pairIou(score: Pick<PairScore, "iouSum" | "targetCount">): number | null {
  return score.targetCount === 0 ? null : score.iouSum / score.targetCount;
}

export const metricSubsets = ["object", "part", "mixed", "all"] as const;
export type MetricSubset = (typeof metricSubsets)[number];

export interface SubsetMetrics {
  gIoU: number;
  cIoU: number;
  pairs: number;
  targets: number;
  /** Pairs whose number of predicted masks differs from their number of targets. */
  countMismatch: number;
}

/** Accumulates pair scores into the paper's table: object-only, part-only, mixed (both), all. */
export class MetricAccumulator {
  private readonly sums = new Map<MetricSubset, { iou: number; inter: number; union: number; pairs: number; targets: number; mismatch: number }>(
    metricSubsets.map((s) => [s, { iou: 0, inter: 0, union: 0, pairs: 0, targets: 0, mismatch: 0 }]),
  );

  add(granularity: Granularity, score: Pick<PairScore, "iouSum" | "inter" | "union" | "targetCount" | "predictionCount">): void {
    for (const subset of [granularity, "all"] as const) {
      const s = this.sums.get(subset)!;
      s.iou += score.iouSum;
      s.inter += score.inter;
      s.union += score.union;
      s.pairs += 1;
      s.targets += score.targetCount;
      if (score.predictionCount !== score.targetCount) s.mismatch += 1;
    }
  }

  result(): Record<MetricSubset, SubsetMetrics> {
    const out = {} as Record<MetricSubset, SubsetMetrics>;
    for (const subset of metricSubsets) {
      const s = this.sums.get(subset)!;
      out[subset] = {
        // No targets at all: nothing was scored; 0 rather than the NaN validate() would print.
        gIoU: s.targets === 0 ? 0 : s.iou / s.targets,
        cIoU: s.inter / (s.union + 1e-10),
        pairs: s.pairs,
        targets: s.targets,
        countMismatch: s.mismatch,
      };
    }
    return out;
  }
}
