import { classifyGranularity } from "./answers";
import type { Granularity } from "./domain";
import { MetricAccumulator, pairIou, scorePair, type MetricSubset, type PairScore, type SubsetMetrics } from "./metric";
import type { Annotation } from "./mmr";
import type { PredictedMask } from "./predictions";
import { segmentationToRle } from "./rle";

/*
 * Scoring a split against a model's predictions, pair by pair: the ground truth of a pair is its
 * targets' own copies (what the official loader decodes), or the annotations an edit chose.
 */

export interface PairTruth {
  granularity: Granularity;
  /** Counts per target, or null when that target's mask cannot be read at the image's size. */
  targets: (Uint32Array | null)[];
}

/** The ground truth of a pair whose targets are `targets`, in an image of height × width. */
export function pairTruth(targets: readonly Annotation[], height: number, width: number): PairTruth {
  return {
    granularity: classifyGranularity(targets.map((t) => t.category_name)),
    targets: targets.map((t) => truthCounts(t, height, width)),
  };
}

function truthCounts(target: Annotation, height: number, width: number): Uint32Array | null {
  const seg = target.segmentation;
  if (!Array.isArray(seg) && (seg.size[0] !== height || seg.size[1] !== width)) return null;
  let counts: Uint32Array;
  try {
    counts = segmentationToRle(seg, height, width);
  } catch {
    return null;
  }
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  return total === height * width ? counts : null;
}

/** A predicted mask of another size than the image: the caller names the line. */
export function maskSizeProblem(masks: readonly PredictedMask[], height: number, width: number): string | null {
  for (let k = 0; k < masks.length; k++) {
    const m = masks[k]!;
    if (m.height !== height || m.width !== width) {
      return `masks[${k}] is ${m.height}x${m.width}, but the image is ${height}x${width} (size is [height, width])`;
    }
  }
  return null;
}

/** Scores one pair; null when a ground-truth mask is unreadable (the official code would fail on it). */
export function scoreTruth(truth: PairTruth, masks: readonly PredictedMask[]): PairScore | null {
  if (truth.targets.some((t) => t === null)) return null;
  return scorePair(truth.targets as Uint32Array[], masks.map((m) => m.counts));
}

export interface EvalReport {
  subsets: Record<MetricSubset, SubsetMetrics>;
  /** Pairs scored. */
  pairs: number;
  /** Pairs of the split without a prediction: scored as if the model gave no mask. */
  missing: number;
  /** Pairs left out because a ground-truth mask cannot be read at the image's size. */
  unscorable: string[];
  unscorableTotal: number;
  /** Pairs whose number of masks differs from their number of targets (first 100 ids). */
  countMismatch: { id: string; targets: number; masks: number }[];
  countMismatchTotal: number;
  /** Pairs without targets (they add nothing; validate() would print NaN for them). */
  noTargets: number;
}

const LISTED = 100;

/** Collects pair scores into the table and the report of what was odd. */
export class Evaluation {
  private readonly acc = new MetricAccumulator();
  private pairs = 0;
  private missing = 0;
  private noTargets = 0;
  private readonly unscorable: string[] = [];
  private unscorableTotal = 0;
  private readonly mismatch: EvalReport["countMismatch"] = [];
  private mismatchTotal = 0;

  /** Adds a pair; `masks` null when the model has no line for it. Returns the pair's IoU. */
  add(id: string, truth: PairTruth, masks: readonly PredictedMask[] | null): number | null {
    const score = scoreTruth(truth, masks ?? []);
    if (!score) {
      this.unscorableTotal++;
      if (this.unscorable.length < LISTED) this.unscorable.push(id);
      return null;
    }
    this.pairs++;
    if (masks === null) this.missing++;
    if (truth.targets.length === 0) this.noTargets++;
    if (masks !== null && masks.length !== truth.targets.length) {
      this.mismatchTotal++;
      if (this.mismatch.length < LISTED) this.mismatch.push({ id, targets: truth.targets.length, masks: masks.length });
    }
    this.acc.add(truth.granularity, score);
    return pairIou(score);
  }

  report(): EvalReport {
    return {
      subsets: this.acc.result(),
      pairs: this.pairs,
      missing: this.missing,
      unscorable: this.unscorable,
      unscorableTotal: this.unscorableTotal,
      countMismatch: this.mismatch,
      countMismatchTotal: this.mismatchTotal,
      noTargets: this.noTargets,
    };
  }
}

const subsetLabels: Record<MetricSubset, string> = { object: "object", part: "part", mixed: "both", all: "all" };

function pct(v: number): string {
  return (v * 100).toFixed(1);
}

/** The paper's table (gIoU / cIoU in percent, pairs and targets per subset); several columns for --compare. */
export function formatEvalTable(columns: { title: string; report: EvalReport }[]): string {
  const lines: string[] = [];
  const head = ["subset".padEnd(8)];
  for (const c of columns) head.push(c.title.padStart(34));
  if (columns.some((c) => c.title !== "")) lines.push(head.join(""));
  const sub = [(columns.some((c) => c.title !== "") ? "" : "subset").padEnd(8)];
  for (let i = 0; i < columns.length; i++) sub.push(`${"gIoU".padStart(8)}${"cIoU".padStart(8)}${"pairs".padStart(9)}${"targets".padStart(9)}`);
  lines.push(sub.join(""));
  for (const subset of ["object", "part", "mixed", "all"] as const) {
    const row = [subsetLabels[subset].padEnd(8)];
    for (const c of columns) {
      const m = c.report.subsets[subset];
      const empty = m.pairs === 0;
      row.push(
        `${(empty ? "-" : pct(m.gIoU)).padStart(8)}${(empty ? "-" : pct(m.cIoU)).padStart(8)}${String(m.pairs).padStart(9)}${String(m.targets).padStart(9)}`,
      );
    }
    lines.push(row.join(""));
  }
  for (const c of columns) {
    const r = c.report;
    const prefix = columns.length > 1 ? `${c.title}: ` : "";
    if (r.countMismatchTotal > 0) {
      const shown = r.countMismatch.slice(0, 5).map((m) => `${m.id} (${m.masks} masks, ${m.targets} targets)`).join(", ");
      lines.push(
        `${prefix}${r.countMismatchTotal} pair(s) with another number of masks than targets, counted as validate() does ` +
          `(a target without a mask scores 0 in gIoU and adds nothing to cIoU; extra masks are ignored): ${shown}${r.countMismatchTotal > 5 ? ", …" : ""}`,
      );
    }
    if (r.missing > 0) lines.push(`${prefix}${r.missing} pair(s) without a prediction, scored as no masks`);
    if (r.unscorableTotal > 0) lines.push(`${prefix}${r.unscorableTotal} pair(s) left out: a ground-truth mask cannot be read at the image's size (${r.unscorable.slice(0, 3).join(", ")})`);
    if (r.noTargets > 0) lines.push(`${prefix}${r.noTargets} pair(s) without targets add nothing`);
  }
  return `${lines.join("\n")}\n`;
}
