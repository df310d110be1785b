import type { Segmentation } from "./mmr";
import { checkSides, rleBbox, rleToString, segmentationToRle } from "./rle";
import { checkSegmentation, decodeCheckedCounts } from "./rleCheck";
import type { SegmentationCheck } from "./rleCheck";

/*
 * What the app needs to know about one mask, read once from its segmentation: the counts, the
 * compressed string the browser draws from, area and pixel box (from the runs, without decoding).
 */

export interface MaskFacts {
  /** Counts laid out at `size`, or null when the segmentation is no readable mask. */
  counts: Uint32Array | null;
  /** `[height, width]` of the mask as stored (the image's size for polygons). */
  size: [number, number];
  /** Compressed COCO RLE of the mask; an empty mask of `size` when unreadable. */
  rleString: string;
  area: number;
  /** `[x, y, w, h]` of the mask's pixels, zeros when empty. */
  maskBox: [number, number, number, number];
  /** False when the counts do not cover the stated size exactly or the polygons cannot be drawn. */
  valid: boolean;
}

/** Pixels covered by the runs, and how many of them are 1s (`rleArea`), in one pass. */
function measure(counts: Uint32Array): { total: number; ones: number } {
  let total = 0;
  let ones = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    total += c;
    if (i & 1) ones += c;
  }
  return { total, ones };
}

/**
 * Reads a segmentation of an image of height × width. A compressed string is kept as it is (no
 * re-encoding); other forms are encoded once. Counts that do not add up to the mask's size would
 * decode to garbage (or be refused by pycocotools), so such a mask is reported invalid and empty.
 */
export function maskFacts(segmentation: Segmentation, height: number, width: number): MaskFacts {
  const size: [number, number] = Array.isArray(segmentation) ? [height, width] : [segmentation.size[0], segmentation.size[1]];
  let counts: Uint32Array | null;
  try {
    counts = segmentationToRle(segmentation, size[0], size[1]);
  } catch {
    counts = null;
  }
  const measured = counts ? measure(counts) : null;
  if (!counts || !measured || measured.total !== size[0] * size[1]) return unreadable(size[0], size[1]);
  const rleString =
    !Array.isArray(segmentation) && typeof segmentation.counts === "string" ? segmentation.counts : rleToString(counts);
  return { counts, size, rleString, area: measured.ones, maskBox: rleBbox(counts, size[0], size[1]), valid: true };
}


/** What `checkSegmentation` and `maskFacts` tell of one segmentation together. */
export interface MaskRead {
  check: SegmentationCheck;
  facts: MaskFacts;
}

/**
 * A segmentation of an image of height × width, checked and read. Read only when the check finds
 * no problem: a mask of another size than the image is shown as an empty mask of the image's size
 * (its stated size is hostile input: a browser asked to draw a 100000 × 100000 mask would run out
 * of memory). A compressed string, the usual form, is walked once for both: checking and decoding
 * it apart were a third of an import's analysis (profiled on the gen:scale split).
 */
export function readMask(segmentation: Segmentation, height: number, width: number): MaskRead {
  if (Array.isArray(segmentation) || typeof segmentation.counts !== "string") {
    const check = checkSegmentation(segmentation, height, width);
    return { check, facts: check.problem === null ? maskFacts(segmentation, height, width) : unreadable(height, width) };
  }
  const [h, w] = segmentation.size;
  const decoded = decodeCheckedCounts(segmentation.counts, h * w);
  const problem = decoded.problem ?? (h !== height || w !== width ? "size" : null);
  const check: SegmentationCheck = { form: "compressed", problem };
  const counts = decoded.counts;
  if (problem !== null || !counts) return { check, facts: unreadable(height, width) };
  try {
    checkSides(h, w);
  } catch {
    return { check, facts: unreadable(h, w) };
  }
  let ones = 0;
  for (let i = 1; i < counts.length; i += 2) ones += counts[i]!;
  return { check, facts: { counts, size: [h, w], rleString: segmentation.counts, area: ones, maskBox: rleBbox(counts, h, w), valid: true } };
}

function unreadable(height: number, width: number): MaskFacts {
  return { counts: null, size: [height, width], rleString: rleToString([height * width]), area: 0, maskBox: [0, 0, 0, 0], valid: false };
}
