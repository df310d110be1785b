import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { pairId } from "../src/shared/domain";
import { imageRecordSchema, type Annotation, type ImageRecord } from "../src/shared/mmr";
import { hashSeed } from "../src/shared/sampling";
import { rleDecode, rleEncode, rleToString, segmentationToRle } from "../src/shared/rle";
import { parseRecordText, readRecords } from "../src/server/io/records";
import { splitNameOf } from "../src/server/cli/lint";
import { perturbPair } from "./predictions/perturb";
import { createRandom } from "./sample/random";

/*
 * Predictions of known quality from a split, for tests and benchmarks:
 *   npm run gen:predictions -- --split FILE --out PRED.jsonl --quality Q [--seed S]
 *     [--plant PAIR_ID,…] [--drop-entries]
 *
 * Each target's mask is kept with probability Q, else eroded, dilated, shifted, dropped (an empty
 * mask), swapped with another target's or given a spurious blob, with a strength that grows as Q
 * falls. --plant makes the named pairs' predictions point at other annotations of the image (a
 * confidently wrong model); --drop-entries removes dropped masks instead of emptying them (a count
 * mismatch). Each pair draws from its own seeded generator, so a pair's prediction does not depend
 * on the rest of the file.
 */

const { values } = parseArgs({
  options: {
    split: { type: "string" },
    out: { type: "string" },
    quality: { type: "string", default: "0.8" },
    seed: { type: "string", default: "1" },
    plant: { type: "string", default: "" },
    "drop-entries": { type: "boolean", default: false },
  },
});
const quality = Number(values.quality);
if (!values.split || !values.out || !Number.isFinite(quality) || quality < 0 || quality > 1) {
  console.error("usage: npm run gen:predictions -- --split FILE --out PRED.jsonl --quality Q (0..1) [--seed S] [--plant ID,…] [--drop-entries]");
  process.exit(2);
}
const splitFile = values.split;
const outFile = values.out;
const split = splitNameOf(splitFile);
const planted = new Set(values.plant.split(",").filter(Boolean));

function maskOf(ann: Annotation, h: number, w: number): Uint8Array {
  const seg = ann.segmentation;
  if (!Array.isArray(seg) && (seg.size[0] !== h || seg.size[1] !== w)) return new Uint8Array(h * w);
  try {
    const counts = segmentationToRle(seg, h, w);
    let total = 0;
    for (const c of counts) total += c;
    return total === h * w ? rleDecode(counts, h, w) : new Uint8Array(h * w);
  } catch {
    return new Uint8Array(h * w);
  }
}

/** For a planted pair: each target predicted as some other annotation of the image. */
function wrongMasks(record: ImageRecord, targets: Annotation[]): Uint8Array[] {
  const h = record.height;
  const w = record.width;
  const own = new Set(targets.map((t) => JSON.stringify(t.segmentation)));
  const others = record.annotations.filter((a) => !own.has(JSON.stringify(a.segmentation)));
  return targets.map((_, k) => (others.length > 0 ? maskOf(others[k % others.length]!, h, w) : new Uint8Array(h * w)));
}

mkdirSync(dirname(outFile), { recursive: true });
const out = createWriteStream(outFile);
let pairs = 0;
let written = 0;
const started = performance.now();
for await (const { index, text, byteOffset } of readRecords(splitFile)) {
  const value = parseRecordText(text, splitFile, index, byteOffset);
  if (!imageRecordSchema.safeParse(value).success) throw new Error(`${splitFile}: record ${index} is no MMR record`);
  const record = value as ImageRecord;
  const h = record.height;
  const w = record.width;
  for (let i = 0; i < record.questions.length; i++) {
    const id = pairId(split, record.image_id, i);
    const targets = record.answers[i] ?? [];
    const rnd = createRandom(hashSeed(`${values.seed}:${id}`));
    let masks: (Uint8Array | null)[];
    if (planted.has(id)) masks = wrongMasks(record, targets);
    else masks = perturbPair(targets.map((t) => maskOf(t, h, w)), h, w, quality, rnd, values["drop-entries"]).masks;
    const rles = masks.filter((m): m is Uint8Array => m !== null).map((m) => ({ size: [h, w], counts: rleToString(rleEncode(m, h, w)) }));
    const line = `${JSON.stringify({ id, masks: rles, score: Number(rnd.range(quality * 0.5, 1).toFixed(3)) })}\n`;
    pairs++;
    written += line.length;
    if (!out.write(line)) await once(out, "drain");
  }
}
out.end();
await once(out, "finish");
console.log(`wrote ${outFile}: ${pairs} predictions, ${(written / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
