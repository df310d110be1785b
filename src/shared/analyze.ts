import { classifyGranularity, rebuildRawAnswer } from "./answers";
import type { AnnotationView } from "./api";
import { duplicateQuestions, fileFlags, isDuplicateQuestion, pairFlags } from "./checks";
import type { TargetFacts } from "./checks";
import type { Edits, FlagId, Granularity } from "./domain";
import { instanceTree, nameInstances } from "./instances";
import type { InstanceTree } from "./instances";
import { maskFacts } from "./masks";
import type { Annotation, ImageRecord } from "./mmr";
import { matchTargets } from "./targets";

/*
 * One pass over an image record giving what the importer stores and the UI shows: every
 * annotation with its instance name and mask facts, every pair with its targets (as annotation
 * indices), granularity and flags. Each mask is read once.
 */

export interface AnnotationInfo extends AnnotationView {
  /**
   * True for a target found in no entry of `annotations` (index ≥ annotations.length): it is
   * listed so it can be shown and exported, but is not numbered among the image's instances.
   */
  orphan: boolean;
  /** False when the segmentation is no readable mask (then it is shown empty and flagged). */
  maskValid: boolean;
}

export interface PairAnalysis {
  index: number;
  question: string;
  textAnswer: string;
  /** Null when the record has no `raw_answers`. */
  rawAnswer: string | null;
  /** Annotation indices (into `RecordAnalysis.annotations`) in placeholder order. */
  targets: number[];
  granularity: Granularity;
  flags: FlagId[];
  /** Category names of the targets, each once, in target order. */
  categories: string[];
}

export interface RecordAnalysis {
  imageId: number;
  fileName: string;
  height: number;
  width: number;
  /** The record's annotations in order, then orphan targets. */
  annotations: AnnotationInfo[];
  /** The original objects of orphan targets; orphan k is annotation `record.annotations.length + k`. */
  orphans: Annotation[];
  pairs: PairAnalysis[];
  /** `unsafe_path` / `missing_image`: about the file, shared by every pair of the record. */
  fileFlags: FlagId[];
  tree: InstanceTree;
}

export interface AnalyzeEnv {
  /** Whether the image exists in the images folder; without it `missing_image` is not checked. */
  imageExists?: (fileName: string) => boolean;
  /** File flags computed before (say at import), to reuse instead of probing the file again. */
  fileFlags?: readonly FlagId[];
}

export function analyzeRecord(record: ImageRecord, env: AnalyzeEnv = {}): RecordAnalysis {
  const { height, width } = record;
  const flagsOfFile = env.fileFlags ? [...env.fileFlags] : fileFlags(record.file_name, env.imageExists);
  const match = matchTargets(record.annotations, record.answers);
  const all = [...record.annotations, ...match.orphans];
  const masks = all.map((a) => maskFacts(a.segmentation, height, width));
  const instances = nameInstances(
    all.map((a, i) => {
      const mask = masks[i]!;
      return {
        categoryName: a.category_name,
        annId: a.id ?? null,
        objAnnId: a.obj_ann_id ?? null,
        counts: mask.counts,
        size: mask.size,
        area: mask.area,
        bbox: a.bbox,
        maskBox: mask.maskBox,
      };
    }),
    record.annotations.length,
  );
  const annotations = all.map((a, i): AnnotationInfo => {
    const mask = masks[i]!;
    const instance = instances[i]!;
    return {
      index: i,
      annId: a.id ?? null,
      categoryId: a.category_id,
      categoryName: a.category_name,
      kind: instance.kind,
      instanceName: instance.instanceName,
      parent: instance.parent,
      bbox: a.bbox,
      area: mask.area,
      maskBox: mask.maskBox,
      rle: { size: mask.size, counts: mask.rleString },
      orphan: i >= record.annotations.length,
      maskValid: mask.valid,
    };
  });

  const duplicates = duplicateQuestions(record.questions);
  const pairs = record.questions.map((question, index): PairAnalysis => {
    const targets = match.targets[index] ?? [];
    const textAnswer = record.text_answers[index] ?? "";
    const rawAnswer = record.raw_answers?.[index] ?? null;
    return evaluate(
      { height, width, annotations, fileFlags: flagsOfFile },
      { index, question, textAnswer, rawAnswer, targets, duplicate: duplicates[index] ?? false, checkBoxes: true },
    );
  });

  return {
    imageId: record.image_id,
    fileName: record.file_name,
    height,
    width,
    annotations,
    orphans: match.orphans,
    pairs,
    fileFlags: flagsOfFile,
    tree: instanceTree(instances),
  };
}

/** The per-annotation facts the checks read; `AnnotationView`s from the API are enough. */
export type AnnotationFacts = Pick<AnnotationView, "categoryName" | "bbox" | "area" | "rle"> & { maskValid?: boolean };

/** What re-checking one pair needs; a `RecordAnalysis` is one. */
export interface PairContext {
  height: number;
  width: number;
  annotations: readonly AnnotationFacts[];
  fileFlags: readonly FlagId[];
  /** The image's pairs as imported. */
  pairs: readonly Pick<PairAnalysis, "question" | "textAnswer" | "rawAnswer" | "targets">[];
}

export interface EditOptions {
  /**
   * The image's current questions (edits applied), for the `duplicate` check; the imported
   * questions are used when not given.
   */
  questions?: readonly string[];
}

/**
 * The pair as it reads after `edits`: targets, granularity, flags and the raw answer export would
 * write. Cheap (no mask is read), so the client can call it on every key stroke. When the text
 * answer or the targets changed, the raw answer is rebuilt from the text answer and target boxes,
 * exactly as export does, so `box_mismatch` no longer applies to it.
 */
export function analyzePairWithEdits(
  context: PairContext,
  pairIndex: number,
  edits: Edits | null | undefined,
  options: EditOptions = {},
): PairAnalysis {
  const original = context.pairs[pairIndex];
  if (!original) throw new RangeError(`pair ${pairIndex} does not exist (the image has ${context.pairs.length})`);
  const question = edits?.question ?? original.question;
  const textAnswer = edits?.textAnswer ?? original.textAnswer;
  const targets = edits?.targets ? [...edits.targets] : [...original.targets];
  const bad = invalidTargetIndex(context, targets);
  if (bad !== null) throw new RangeError(`target ${bad} is no annotation of this image`);

  const changed = textAnswer !== original.textAnswer || !sameIndices(targets, original.targets);
  let rawAnswer = original.rawAnswer;
  if (changed && rawAnswer !== null) {
    rawAnswer = rebuildRawAnswer(textAnswer, targets.map((t) => context.annotations[t]!.bbox));
  }
  const questions = options.questions ?? context.pairs.map((p) => p.question);
  return evaluate(context, {
    index: pairIndex,
    question,
    textAnswer,
    rawAnswer,
    targets,
    duplicate: isDuplicateQuestion(question, pairIndex, questions),
    // A rebuilt raw answer matches its targets by construction.
    checkBoxes: !changed,
  });
}

/** The first target index that names no annotation of the context, or null when all do. */
export function invalidTargetIndex(context: Pick<PairContext, "annotations">, targets: readonly number[]): number | null {
  return targets.find((t) => !Number.isInteger(t) || t < 0 || t >= context.annotations.length) ?? null;
}

function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

interface PairInput {
  index: number;
  question: string;
  textAnswer: string;
  rawAnswer: string | null;
  targets: number[];
  duplicate: boolean;
  checkBoxes: boolean;
}

function evaluate(context: Omit<PairContext, "pairs">, pair: PairInput): PairAnalysis {
  const facts = pair.targets.map((t): TargetFacts => {
    const a = context.annotations[t]!;
    return {
      categoryName: a.categoryName,
      bbox: a.bbox,
      area: a.area,
      size: a.rle.size,
      maskValid: a.maskValid ?? true,
    };
  });
  const categoryNames = facts.map((f) => f.categoryName);
  return {
    index: pair.index,
    question: pair.question,
    textAnswer: pair.textAnswer,
    rawAnswer: pair.rawAnswer,
    targets: pair.targets,
    granularity: classifyGranularity(categoryNames),
    flags: pairFlags({
      question: pair.question,
      textAnswer: pair.textAnswer,
      rawAnswer: pair.checkBoxes ? pair.rawAnswer : null,
      targets: facts,
      duplicate: pair.duplicate,
      height: context.height,
      width: context.width,
      fileFlags: context.fileFlags,
    }),
    categories: [...new Set(categoryNames)],
  };
}
