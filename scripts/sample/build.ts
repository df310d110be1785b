import { bboxToCorners, classifyGranularity, formatBox, type Box } from "../../src/shared/answers";
import type { FlagId, Granularity } from "../../src/shared/domain";
import type { Segmentation } from "../../src/shared/mmr";
import { rleArea, rleBbox, rleEncode, rleToString, segmentationToRle } from "../../src/shared/rle";
import type { PacoCategories } from "./categories";
import type { Scene, SceneItem } from "./scene";

/*
 * Turns drawn scenes into MMR image records. Every mask is read back from the drawing and every
 * segmentation is checked to decode to exactly those pixels, whatever its form.
 */

export const SPLIT = "MMR_sample";

export interface PairSummary {
  id: string;
  index: number;
  question: string;
  targets: string[];
  granularity: Granularity;
  plant: FlagId | null;
  /** Flags the planted one necessarily brings along. */
  alsoFlags: FlagId[];
  note: string;
}

export interface BuiltScene {
  scene: Scene;
  record: Record<string, unknown>;
  pairs: PairSummary[];
}

const MENTION = /\[\[([^\]]+)\]\]/g;

export function buildScene(scene: Scene, categories: PacoCategories, firstAnnId: number): BuiltScene {
  const { height, width } = scene;
  const imageId = scene.meta.imageId;
  const annotations = new Map<string, Record<string, unknown>>();
  const bboxes = new Map<string, number[]>();
  scene.items.forEach((item, k) => {
    const mask = scene.canvas.maskOf(item.key);
    const counts = rleEncode(mask, height, width);
    const segmentation = segmentationOf(item, counts, height, width);
    const check = segmentationToRle(segmentation, height, width);
    if (rleToString(check) !== rleToString(counts)) {
      throw new Error(`${scene.meta.title}: the ${item.form} segmentation of ${item.key} does not match its pixels`);
    }
    const category = categories.get(item.categoryName);
    const bbox = rleBbox(counts, height, width);
    bboxes.set(item.key, bbox);
    const annotation: Record<string, unknown> = {
      bbox,
      segmentation,
      image_id: imageId,
      category_name: category.name,
      category_id: category.id,
      sorted_category_id: category.sortedId,
      id: firstAnnId + k,
      area: rleArea(counts),
      iscrowd: 0,
    };
    if (item.objAnnId && item.parent) annotation.obj_ann_id = annotations.get(item.parent)!.id;
    Object.assign(annotation, item.extra);
    annotations.set(item.key, annotation);
  });

  const questions: string[] = [];
  const answers: Record<string, unknown>[][] = [];
  const textAnswers: string[] = [];
  const rawAnswers: string[] = [];
  const pairs: PairSummary[] = [];
  scene.pairs.forEach((spec, index) => {
    const targets = [...spec.answer.matchAll(MENTION)].map((m) => m[1]!);
    for (const t of targets) if (!annotations.has(t)) throw new Error(`${scene.meta.title}: pair ${index} names unknown ${t}`);
    let text = spec.answer.replace(MENTION, (_, name: string) => `${name} {seg}`);
    let k = 0;
    const raw = spec.answer.replace(MENTION, (_, name: string) => {
      const planted = spec.wrongBox && spec.wrongBox.target === k ? (spec.wrongBox.box satisfies Box) : null;
      k++;
      return `${name} ${formatBox(planted ?? bboxToCorners(bboxes.get(name)!))}`;
    });
    if (spec.editText) text = spec.editText(text);
    questions.push(spec.question);
    answers.push(
      targets.map((t, k) => {
        const annotation = annotations.get(t)!;
        return spec.copy?.target === k ? { ...annotation, segmentation: spec.copy.segmentation(annotations) } : annotation;
      }),
    );
    textAnswers.push(text);
    rawAnswers.push(raw);
    pairs.push({
      id: `${SPLIT}:${imageId}:${index}`,
      index,
      question: spec.question,
      targets,
      granularity: classifyGranularity(targets.map((t) => scene.item(t).categoryName)),
      plant: spec.plant ?? null,
      alsoFlags: spec.alsoFlags ?? [],
      note: spec.note ?? "",
    });
  });

  const record: Record<string, unknown> = {
    file_name: scene.meta.fileName,
    height,
    width,
    image_id: imageId,
    date_captured: "2026-11-27 12:00:00",
    not_exhaustive_category_ids: [],
    neg_category_ids: [categories.get("guitar").id, categories.get("helmet").id],
    questions,
    annotations: [...annotations.values()],
    answers,
    text_answers: textAnswers,
    raw_answers: scene.meta.dropLastRawAnswer ? rawAnswers.slice(0, -1) : rawAnswers,
    ...scene.meta.extra,
  };
  return { scene, record, pairs };
}

function segmentationOf(item: SceneItem, counts: Uint32Array, height: number, width: number): Segmentation {
  switch (item.form) {
    case "compressed":
      return { size: [height, width], counts: rleToString(counts) };
    case "uncompressed":
      return { size: [height, width], counts: Array.from(counts) };
    case "polygon":
      if (item.polygons.length === 0) throw new Error(`${item.key} has no polygons to write`);
      return item.polygons.map((p) => p.flatMap(([x, y]) => [x, y]));
  }
}
