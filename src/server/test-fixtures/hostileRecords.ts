import { rleToString } from "../../shared/rle";

/*
 * Worst-case MMR records within the import limits (each ≤ 1 MB of JSON), for the hostile-input
 * benchmark, the server-stall test and the fuzz test. Each is one record object; `JSON.stringify`
 * it for the text.
 */

type Segmentation = number[][] | { size: [number, number]; counts: string | number[] };

function record(height: number, width: number, segmentations: Segmentation[], categories?: string[]): Record<string, unknown> {
  const annotations = segmentations.map((segmentation, i) => ({
    bbox: [0, 0, Math.min(width, 10), Math.min(height, 10)],
    segmentation,
    image_id: 1,
    category_name: categories?.[i] ?? "chair",
    category_id: 1,
    id: i + 1,
  }));
  return {
    file_name: "a.png",
    height,
    width,
    image_id: 1,
    questions: ["Where can I sit?"],
    annotations,
    answers: [[annotations[0]]],
    text_answers: ["On {seg}."],
  };
}

/** A polygon zig-zagging across a side × side image `edges` times (each edge ~5·side steps). */
function zigzag(side: number, edges: number): number[] {
  const xy: number[] = [];
  for (let i = 0; i < edges; i++) xy.push(i % 2 === 0 ? 0 : side - 1, (i * (side - 1)) / edges);
  return xy;
}

/** Records by name; `1 << 15` is the default side limit. */
export function hostileRecords(): Record<string, Record<string, unknown>> {
  const side = 1 << 15;
  // ~1 MB of a compressed string: one run per character, 512×1024 = the pixel count 524288.
  const runs = new Array<number>(1 << 19).fill(1);
  return {
    // One polygon whose outline costs nearly the whole per-record budget (2^22 steps).
    "budget-polygon (2^15 side, 25 full-width edges)": record(side, side, [[zigzag(side, 25)]]),
    // Many polygons, each a full-image box: the budget runs out and the rest are refused at once.
    "many-full-image-polygons (2^15 side, 7,000 masks)": record(
      side,
      side,
      Array.from({ length: 7_000 }, () => [[0, 0, side, 0, side, side, 0, side]]),
    ),
    // A ~1 MB compressed RLE string of 524,288 runs.
    "one-1MB-rle-string (512×1024, 524,288 runs)": record(512, 1024, [{ size: [512, 1024], counts: rleToString(runs) }]),
    // A ~1 MB uncompressed counts array.
    "uncompressed-counts (512×512, 262,144 runs)": record(512, 512, [{ size: [512, 512], counts: new Array<number>(1 << 18).fill(1) }]),
    // 200 objects and 200 parts of one category, all overlapping: parts look for their object by
    // mask overlap, 40,000 intersections of masks of ~600 runs each.
    "overlapping-parts (400 masks of 600 runs)": record(
      600,
      600,
      Array.from({ length: 400 }, (_, i) => {
        const counts: number[] = [];
        for (let x = 0; x < 600; x++) counts.push(i % 50, 600 - (i % 50));
        return { size: [600, 600], counts: rleToString(counts) };
      }),
      Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? "chair" : "chair:leg")),
    ),
  };
}
