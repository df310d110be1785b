import type { Segmentation } from "./mmr";

/*
 * What pycocotools' `mask.decode` will make of one segmentation (LOADER.md), decided from the
 * segmentation's own text before any decoder runs: it only accepts a compressed RLE whose counts
 * cover `size` exactly. The compressed string is walked here with its own bounds (no buffer is
 * sized from untrusted input), so the check is safe whatever the codec does with bad strings.
 */

export type SegmentationForm = "compressed" | "uncompressed" | "polygon";

export type RleProblem =
  /** Counts (from the string or the list) do not add up to `size[0] * size[1]`. */
  | "counts_sum"
  /** The compressed string holds a character outside '0'…'o', or ends inside a count. */
  | "bad_string"
  /** A count is negative (the string's deltas go below zero). */
  | "negative_count"
  /** `size` is not the image's `[height, width]`. */
  | "size";

export interface SegmentationCheck {
  form: SegmentationForm;
  /** Null when pycocotools decodes it to a mask of the image's size (after conversion, for other forms). */
  problem: RleProblem | null;
}

export function segmentationForm(segmentation: Segmentation): SegmentationForm {
  if (Array.isArray(segmentation)) return "polygon";
  return typeof segmentation.counts === "string" ? "compressed" : "uncompressed";
}

/**
 * Sum of the counts a compressed COCO string encodes, walking it like the reference `rleFrString`
 * but stopping at the first fault; `limit` stops it early once the sum passes the mask's size.
 */
export function compressedCountsSum(s: string, limit: number): { sum: number; problem: RleProblem | null } {
  const { sum, problem } = walkCompressed(s, limit, null);
  return { sum, problem };
}

/**
 * The counts of a compressed string that covers exactly `limit` pixels, decoded in the same walk
 * that checks it: `counts` is null when `problem` is not (the string is never decoded twice).
 */
export function decodeCheckedCounts(s: string, limit: number): { counts: Uint32Array | null; problem: RleProblem | null } {
  // Every count takes at least one character: the string's length bounds the counts.
  const out = new Uint32Array(s.length);
  const walked = walkCompressed(s, limit, out);
  const problem = walked.problem ?? (walked.sum === limit ? null : "counts_sum");
  return { counts: problem === null ? out.subarray(0, walked.m) : null, problem };
}

function walkCompressed(s: string, limit: number, out: Uint32Array | null): { sum: number; m: number; problem: RleProblem | null } {
  // Counts from the fourth on are deltas to the count two places before: keep the last two.
  let prev2 = 0;
  let prev1 = 0;
  let m = 0;
  let sum = 0;
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let scale = 1;
    let more = true;
    let c = 0;
    let groups = 0;
    while (more) {
      if (p >= s.length) return { sum, m, problem: "bad_string" };
      c = s.charCodeAt(p++) - 48;
      if (c < 0 || c > 63) return { sum, m, problem: "bad_string" };
      // 7 groups hold 35 bits, more than any count of a real mask.
      if (++groups > 7) return { sum, m, problem: "bad_string" };
      x += (c & 0x1f) * scale;
      scale *= 32;
      more = (c & 0x20) !== 0;
    }
    if (c & 0x10) x -= scale;
    if (m > 2) x += prev2;
    if (x < 0) return { sum, m, problem: "negative_count" };
    prev2 = prev1;
    prev1 = x;
    if (out) out[m] = x;
    m++;
    sum += x;
    if (sum > limit) return { sum, m, problem: "counts_sum" };
  }
  return { sum, m, problem: null };
}

/**
 * The form of a segmentation and whether it is a readable mask of the image: polygons are drawn at
 * the image's size (never a problem here); RLE forms need the image's size and counts covering it.
 */
export function checkSegmentation(segmentation: Segmentation, height: number, width: number): SegmentationCheck {
  const form = segmentationForm(segmentation);
  if (Array.isArray(segmentation)) return { form, problem: null };
  const [h, w] = segmentation.size;
  const total = h * w;
  let problem: RleProblem | null;
  if (typeof segmentation.counts === "string") {
    const walked = compressedCountsSum(segmentation.counts, total);
    problem = walked.problem ?? (walked.sum === total ? null : "counts_sum");
  } else {
    let sum = 0;
    for (const c of segmentation.counts) sum += c;
    problem = sum === total ? null : "counts_sum";
  }
  if (problem === null && (h !== height || w !== width)) problem = "size";
  return { form, problem };
}

/** One line for a problem, for lint and API messages. */
export const rleProblemText: Record<RleProblem, string> = {
  counts_sum: "its counts do not add up to height × width",
  bad_string: "its compressed string does not decode",
  negative_count: "its compressed string decodes to a negative count",
  size: "its size is not the image's",
};
