import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { rleToString } from "../src/shared/rle";
import { loadPacoCategories, type PacoCategory } from "./sample/categories";
import { convexPolygon, intersectInPlace, roughen, shapeToCounts, wobblyEllipse, type ColumnShape } from "./sample/column-shapes";
import { createRandom, type Random } from "./sample/random";

/*
 * Streams an MMR-shaped split of any size for benchmarks:
 *   npm run gen:scale -- --pairs 154000 --out bench-data/MMR_scale.json [--seed 1]
 *
 * Shaped like MMR train: ~3.4 pairs and ~13 PACO annotations per image at COCO sizes, compressed
 * RLE masks of blob shapes (parts inside their objects), answers with `{seg}` placeholders and raw
 * answers with boxes, LVIS fields. Deterministic for a seed; records are written one at a time
 * with backpressure, so memory stays flat whatever the size.
 */

const { values } = parseArgs({
  options: {
    pairs: { type: "string", default: "154000" },
    out: { type: "string", default: "bench-data/MMR_scale.json" },
    seed: { type: "string", default: "1" },
  },
});
const totalPairs = Number(values.pairs);
const seed = Number(values.seed);
if (!Number.isInteger(totalPairs) || totalPairs < 0 || !Number.isFinite(seed)) {
  console.error("usage: npm run gen:scale -- --pairs N --out FILE [--seed S]");
  process.exit(2);
}
const outFile = values.out;

const categories = loadPacoCategories();
const rnd = createRandom(seed);

/** COCO's common image sizes as [width, height]. */
const imageSizes: [number, number][] = [
  [640, 480], [640, 480], [640, 480], [480, 640], [640, 427], [427, 640], [500, 375], [375, 500], [640, 424], [612, 612], [640, 360],
];
/** Pairs per image; mean ~3.4 as in MMR train. */
const pairsPerImage = [1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6];

const activities = [
  "prepare a quick meal", "tidy up the room", "get some work done", "relax for a while", "carry it somewhere else",
  "clean the surfaces", "keep things organised", "take a short break", "fix something small", "entertain a guest",
  "hold it steady", "store something away", "move it across the room", "check something quickly", "make it more comfortable",
];
const questionTemplates = [
  (a: string) => `If I wanted to ${a}, which things here would I reach for?`,
  (a: string) => `What could someone use in this picture to ${a}?`,
  (a: string) => `Which parts of the scene would help a person ${a}?`,
  (a: string) => `Suppose you need to ${a}; what in the image would you touch first?`,
  (a: string) => `Where in this image would you put your hands to ${a}?`,
];
const answerOpeners = ["You could use", "The most useful would be", "A person would reach for", "That would involve", "Try"];

interface Ann {
  bbox: [number, number, number, number];
  segmentation: { size: [number, number]; counts: string };
  image_id: number;
  category_name: string;
  category_id: number;
  sorted_category_id: number;
  id: number;
  area: number;
  iscrowd: 0;
  obj_ann_id?: number;
}

let nextAnnId = 1;
let nextImageId = 100_000;
const countsScratch = new Uint32Array(2 * 1024 + 4);

function annotation(shape: ColumnShape, h: number, w: number, imageId: number, category: PacoCategory): Ann | null {
  const { length, area, bbox } = shapeToCounts(shape, h, w, countsScratch);
  if (area === 0) return null;
  return {
    bbox,
    segmentation: { size: [h, w], counts: rleToString(countsScratch.subarray(0, length)) },
    image_id: imageId,
    category_name: category.name,
    category_id: category.id,
    sorted_category_id: category.sortedId,
    id: nextAnnId++,
    area,
    iscrowd: 0,
  };
}

function blob(r: Random, w: number, h: number, cx: number, cy: number, rx: number, ry: number): ColumnShape {
  const shape = r.chance(0.6) ? wobblyEllipse(r, w, h, cx, cy, rx, ry) : convexPolygon(r, w, h, cx, cy, rx, ry);
  return roughen(shape, r, h, r.int(1, 6));
}

interface Target {
  ann: Ann;
  mention: string;
}

function makeRecord(pairCount: number): object {
  const [w, h] = rnd.pick(imageSizes);
  const imageId = nextImageId;
  nextImageId += rnd.int(1, 40);
  const annotations: Ann[] = [];
  const objects: Target[] = [];
  const parts: Target[] = [];
  const perCategory = new Map<string, number>();
  const objectCount = rnd.int(1, 5);
  for (let o = 0; o < objectCount; o++) {
    const category = rnd.pick(categories.objects);
    const rx = rnd.range(0.06, 0.4) * w;
    const ry = rnd.range(0.06, 0.4) * h;
    const cx = rnd.range(rx * 0.5, w - rx * 0.5);
    const cy = rnd.range(ry * 0.5, h - ry * 0.5);
    const shape = blob(rnd, w, h, cx, cy, rx, ry);
    const object = annotation(shape, h, w, imageId, category);
    if (!object) continue;
    const k = (perCategory.get(category.name) ?? 0) + 1;
    perCategory.set(category.name, k);
    const objectName = `${category.name}_${k}`;
    annotations.push(object);
    objects.push({ ann: object, mention: objectName });
    const partCategories = categories.partsOf.get(category.name) ?? [];
    const partCount = Math.min(partCategories.length, rnd.int(2, 7));
    const chosen = [...partCategories].sort(() => rnd.next() - 0.5).slice(0, partCount);
    for (const partCategory of chosen) {
      const prx = rx * rnd.range(0.15, 0.5);
      const pry = ry * rnd.range(0.15, 0.5);
      const pcx = cx + rnd.range(-0.6, 0.6) * rx;
      const pcy = cy + rnd.range(-0.6, 0.6) * ry;
      const partShape = intersectInPlace(blob(rnd, w, h, pcx, pcy, prx, pry), shape);
      const part = annotation(partShape, h, w, imageId, partCategory);
      if (!part) continue;
      if (rnd.chance(0.5)) part.obj_ann_id = object.id;
      annotations.push(part);
      parts.push({ ann: part, mention: `${objectName}'s ${partCategory.name.slice(partCategory.name.indexOf(":") + 1)}` });
    }
  }

  const questions: string[] = [];
  const answers: Ann[][] = [];
  const textAnswers: string[] = [];
  const rawAnswers: string[] = [];
  for (let p = 0; p < pairCount; p++) {
    const kind = rnd.next();
    const pool = kind < 0.3 || parts.length === 0 ? objects : kind < 0.7 ? parts : [...objects, ...parts];
    const want = Math.min(pool.length, rnd.chance(0.08) ? rnd.int(5, 9) : rnd.int(1, 4));
    const targets = [...pool].sort(() => rnd.next() - 0.5).slice(0, Math.max(1, want));
    questions.push(rnd.pick(questionTemplates)(rnd.pick(activities)));
    answers.push(targets.map((t) => t.ann));
    const opener = rnd.pick(answerOpeners);
    const pieces = targets.map((t) => `${t.mention} {seg}`);
    const text = `${opener} ${joinList(pieces)}.`;
    textAnswers.push(text);
    let k = 0;
    rawAnswers.push(
      text.replace(/\{seg\}/g, () => {
        const [x, y, bw, bh] = targets[k++]!.ann.bbox;
        return `[${x}, ${y}, ${x + bw}, ${y + bh}]`;
      }),
    );
  }

  const lvis = categories.objects.map((c) => c.id);
  const fileName = `train2017/${String(imageId).padStart(12, "0")}.jpg`;
  return {
    file_name: fileName,
    height: h,
    width: w,
    image_id: imageId,
    license: rnd.int(1, 8),
    coco_url: `http://images.cocodataset.org/${fileName}`,
    not_exhaustive_category_ids: rnd.chance(0.3) ? [rnd.pick(lvis)] : [],
    neg_category_ids: Array.from({ length: rnd.int(0, 4) }, () => rnd.pick(lvis)),
    questions,
    annotations,
    answers,
    text_answers: textAnswers,
    raw_answers: rawAnswers,
  };
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)!}`;
}

async function main(): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  const out = createWriteStream(outFile);
  const started = performance.now();
  let pending: string[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    const text = pending.join("");
    pending = [];
    pendingBytes = 0;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };

  let pairs = 0;
  let images = 0;
  let annotations = 0;
  pending.push("[");
  while (pairs < totalPairs) {
    const count = Math.min(rnd.pick(pairsPerImage), totalPairs - pairs);
    const record = makeRecord(count) as { annotations: unknown[] };
    const json = JSON.stringify(record);
    pending.push(images === 0 ? json : `,\n${json}`);
    pendingBytes += json.length;
    pairs += count;
    images++;
    annotations += record.annotations.length;
    if (pendingBytes > 1 << 20) await flush();
    if (images % 5000 === 0) process.stderr.write(`\r${pairs} / ${totalPairs} pairs, ${(bytes / 1e6).toFixed(0)} MB`);
  }
  pending.push("]\n");
  await flush();
  out.end();
  await once(out, "finish");
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `\rwrote ${outFile}: ${pairs} pairs, ${images} images, ${annotations} annotations ` +
      `(${(pairs / Math.max(1, images)).toFixed(2)} pairs and ${(annotations / Math.max(1, images)).toFixed(1)} annotations per image), ` +
      `${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s\n`,
  );
}

await main();
