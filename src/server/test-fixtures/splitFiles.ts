import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Annotation, ImageRecord } from "../../shared/mmr";
import { rectRle } from "../../shared/testRecord";

/*
 * Small MMR splits for server tests, built in code so every case (unknown fields, odd key order,
 * polygons, uncompressed RLE, parts, flagged answers, non-ASCII text) is visible at the call site.
 */

const H = 40;
const W = 60;

function annotation(imageId: number, id: number, category: string, bbox: [number, number, number, number], extra: Record<string, unknown> = {}): Annotation {
  return {
    bbox,
    segmentation: rectRle(bbox[0], bbox[1], bbox[2], bbox[3], H, W),
    image_id: imageId,
    category_name: category,
    category_id: category.length * 7 + (category.includes(":") ? 1000 : 0),
    sorted_category_id: category.length,
    id,
    area: bbox[2] * bbox[3],
    iscrowd: 0,
    ...extra,
  };
}

/** Uncompressed counts of a w × h rectangle at (x, y): down each column, then the next. */
function rectCounts(x: number, y: number, w: number, h: number): number[] {
  const counts = [x * H + y];
  for (let c = 0; c < w; c++) {
    counts.push(h);
    if (c < w - 1) counts.push(H - h);
  }
  counts.push(H * W - counts.reduce((a, b) => a + b, 0));
  return counts;
}

function corners(b: number[]): string {
  return `[${b[0]}, ${b[1]}, ${b[0]! + b[2]!}, ${b[1]! + b[3]!}]`;
}

/** Record `i` of a fixture split: image_id 1000 + i, three annotations, three or four pairs. */
export function fixtureRecord(i: number): ImageRecord {
  const imageId = 1000 + i;
  const chair = annotation(imageId, imageId * 10 + 1, "chair", [2, 3, 20, 30]);
  const leg = annotation(imageId, imageId * 10 + 2, "chair:leg", [4, 20, 5, 12], { obj_ann_id: imageId * 10 + 1 });
  const laptop: Annotation = {
    ...annotation(imageId, imageId * 10 + 3, "laptop_computer", [30, 5, 20, 10]),
    // a polygon, as PACO/LVIS raw data has them
    segmentation: [[30, 5, 50, 5, 50, 15, 30, 15]],
  };
  const mug: Annotation = {
    ...annotation(imageId, imageId * 10 + 4, "mug", [40, 25, 10, 10]),
    // uncompressed COCO RLE (column-major runs) of the same rectangle
    segmentation: { size: [H, W], counts: rectCounts(40, 25, 10, 10) },
  };

  const questions = [
    `Where could someone sit down in picture ${i}?`,
    "What holds the seat up, and what is it part of?",
    "Which device would help with writing an e-mail — café style?",
  ];
  const answers: Annotation[][] = [[chair], [leg, chair], [laptop]];
  const textAnswers = ["You could sit on {seg}.", "{seg} holds up {seg}.", "Use {seg} \"quietly\" \\ calmly."];
  if (i % 2 === 1) {
    questions.push("What would you drink coffee from?");
    answers.push([mug]);
    textAnswers.push("Drink from {seg} {like this}."); // stray braces: flagged
  }
  const rawAnswers = textAnswers.map((text, k) => {
    let t = 0;
    return text.replace(/\{seg\}/g, () => corners(answers[k]![t++]!.bbox));
  });
  // Unknown fields and a key order different from the schema's, which export must keep.
  return {
    image_id: imageId,
    file_name: `val2017/${String(imageId).padStart(12, "0")}.jpg`,
    license: 3,
    height: H,
    width: W,
    coco_url: `http://images.cocodataset.org/val2017/${imageId}.jpg`,
    not_exhaustive_category_ids: [],
    neg_category_ids: [12, 7],
    questions,
    annotations: [chair, leg, laptop, mug],
    answers,
    text_answers: textAnswers,
    raw_answers: rawAnswers,
    generator: { model: "gpt-4v", temperature: 0.2, tags: ["a", null, 1.5e-7] },
  } as ImageRecord;
}

export function fixtureRecords(count: number, from = 0): ImageRecord[] {
  return Array.from({ length: count }, (_, k) => fixtureRecord(from + k));
}

/** The text of a split file, one record per line, as MMR files and the exporter write them. */
export function splitText(records: readonly unknown[]): string {
  return `[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]`;
}

export interface TempDir {
  path: string;
  file(name: string): string;
  write(name: string, text: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(prefix = "mmr-test-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    write(name, text) {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
