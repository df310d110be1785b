import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/*
 * A tiny MMR split for API tests: three images, five pairs, object/part/mixed granularity, an
 * unknown field to survive export, one record with a traversal file_name and one missing image.
 */

const H = 6;
const W = 8;

/** Uncompressed column-major COCO RLE counts of the box `[x, y, w, h]` in an H×W image. */
function boxCounts(x: number, y: number, w: number, h: number): number[] {
  const bits: number[] = [];
  for (let col = 0; col < W; col++) {
    for (let row = 0; row < H; row++) bits.push(col >= x && col < x + w && row >= y && row < y + h ? 1 : 0);
  }
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (const bit of bits) {
    if (bit === current) run++;
    else {
      counts.push(run);
      current = bit;
      run = 1;
    }
  }
  counts.push(run);
  return counts;
}

function annotation(imageId: number, id: number, category: string, categoryId: number, box: [number, number, number, number], extra: Record<string, unknown> = {}) {
  return {
    bbox: box,
    segmentation: { size: [H, W], counts: boxCounts(...box) },
    image_id: imageId,
    category_name: category,
    category_id: categoryId,
    id,
    ...extra,
  };
}

const chair = annotation(1, 101, "chair", 232, [0, 0, 4, 6]);
const chairLeg = annotation(1, 102, "chair:leg", 600, [0, 4, 2, 2], { obj_ann_id: 101 });
const laptop = annotation(1, 103, "laptop_computer", 628, [5, 1, 3, 3]);

const records = [
  {
    file_name: "a.png",
    height: H,
    width: W,
    image_id: 1,
    not_exhaustive_category_ids: [],
    neg_category_ids: [7],
    custom_field: { kept: true },
    questions: ["Where could a tired guest rest?", "Which part holds the seat up?", "What would I work on while resting?"],
    annotations: [chair, chairLeg, laptop],
    answers: [[chair], [chairLeg], [laptop, chair]],
    text_answers: ["The guest could rest on {seg}.", "The {seg} holds it up.", "On {seg} while sitting on {seg}."],
    raw_answers: [
      "The guest could rest on chair_1 [0.0, 0.0, 4.0, 6.0].",
      "The chair_1's leg [0.0, 4.0, 2.0, 6.0] holds it up.",
      "On laptop_computer_1 [5.0, 1.0, 8.0, 4.0] while sitting on chair_1 [0.0, 0.0, 4.0, 6.0].",
    ],
  },
  {
    file_name: "sub/missing.jpg",
    height: H,
    width: W,
    image_id: 2,
    questions: ["What keeps the papers warm?"],
    annotations: [annotation(2, 201, "laptop_computer", 628, [1, 1, 2, 2])],
    answers: [[annotation(2, 201, "laptop_computer", 628, [1, 1, 2, 2])]],
    text_answers: ["The {seg} does."],
    raw_answers: ["The laptop_computer_1 [1.0, 1.0, 3.0, 3.0] does."],
  },
  {
    file_name: "../../etc/passwd",
    height: H,
    width: W,
    image_id: 3,
    questions: ["What can be sat upon?"],
    annotations: [annotation(3, 301, "chair", 232, [2, 2, 2, 2])],
    answers: [[annotation(3, 301, "chair", 232, [2, 2, 2, 2])]],
    text_answers: ["The {seg}."],
    raw_answers: ["The chair_1 [2.0, 2.0, 4.0, 4.0]."],
  },
];

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export const FIXTURE_SPLIT = "tiny";
export const fixtureRecords = records;

export interface FixtureFiles {
  splitFile: string;
  imagesDir: string;
}

/** Writes `tiny.json` and an images folder (with `a.png` only) into `dir`. */
export function writeFixture(dir: string): FixtureFiles {
  const imagesDir = join(dir, "images");
  mkdirSync(imagesDir, { recursive: true });
  writeFileSync(join(imagesDir, "a.png"), PNG);
  const splitFile = join(dir, `${FIXTURE_SPLIT}.json`);
  writeFileSync(splitFile, JSON.stringify(records, null, 1));
  return { splitFile, imagesDir };
}

/**
 * A split of `images` copies of the first fixture image (three pairs each, ids from 1000), for
 * load and durability tests that need many pairs; every record points at the same `a.png`.
 */
export function writeManyImagesFixture(dir: string, images: number, split = "load"): FixtureFiles {
  const imagesDir = join(dir, "images");
  mkdirSync(imagesDir, { recursive: true });
  writeFileSync(join(imagesDir, "a.png"), PNG);
  const template = JSON.stringify(records[0]);
  const many = Array.from({ length: images }, (_, i) => {
    const imageId = 1000 + i;
    const record = JSON.parse(template) as { image_id: number; annotations: { image_id: number }[]; answers: { image_id: number }[][] };
    record.image_id = imageId;
    for (const a of record.annotations) a.image_id = imageId;
    for (const list of record.answers) for (const a of list) a.image_id = imageId;
    return record;
  });
  const splitFile = join(dir, `${split}.json`);
  writeFileSync(splitFile, JSON.stringify(many));
  return { splitFile, imagesDir };
}
