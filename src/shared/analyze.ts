import { classifyGranularity, objectCategoryOf, partNameOf, rebuildRawAnswer } from "./answers";
import type { AnnotationView } from "./api";
import { checkMisaligned, duplicateQuestions, fileFlags, isDuplicateQuestion, pairFlags } from "./checks";
import type { TargetFacts } from "./checks";
import type { Edits, FlagId, Granularity } from "./domain";
import { instanceTree, nameInstances } from "./instances";
import type { InstanceTree } from "./instances";
import { readMask } from "./masks";
import type { Annotation, ImageRecord } from "./mmr";
import { segmentationForm } from "./rleCheck";
import type { RleProblem, SegmentationForm } from "./rleCheck";
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
  /** Form of the segmentation as stored. */
  form: SegmentationForm;
  /** Why pycocotools cannot decode it to a mask of the image, or null. */
  problem: RleProblem | null;
  /**
   * For an orphan that is a target's own copy of an annotation it names but differs from
   * (`target_copy`): that annotation's index; otherwise null.
   */
  copyOf: number | null;
  /** The generator's name of the target (`chair_2`), which a copy shares with the annotation it names. */
  generatorName: string;
  /** Other names the generator may have used: a part named after another object overlapping it. */
  otherNames: string[];
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
  /**
   * Form of each target's own copy in `answers[index]` as read (the loader decodes these); absent
   * when unknown. An annotation picked by an edit is written as that annotation, with its form.
   */
  copyForms?: SegmentationForm[];
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
  const match = matchTargets(record.annotations, record.answers, height, width);
  const all = [...record.annotations, ...match.orphans];
  const read = all.map((a) => readMask(a.segmentation, height, width));
  const checked = read.map((r) => r.check);
  const masks = read.map((r) => r.facts);
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
    const copyOf = i >= record.annotations.length ? (match.orphanCopyOf[i - record.annotations.length] ?? null) : null;
    const generatorName = copyOf === null ? instance.instanceName : instances[copyOf]!.instanceName;
    const named = instances[copyOf ?? i]!;
    const partName = partNameOf(a.category_name);
    const otherNames = partName === null ? [] : (named.otherOwners ?? []).map((o) => `${instances[o]!.instanceName}'s ${partName}`);
    return {
      index: i,
      annId: a.id ?? null,
      categoryId: a.category_id,
      categoryName: a.category_name,
      kind: instance.kind,
      // A copy that differs from the annotation it names is shown as that annotation's copy.
      instanceName: copyOf === null ? instance.instanceName : `${generatorName} (copy)`,
      form: checked[i]!.form,
      problem: checked[i]!.problem,
      copyOf,
      generatorName,
      otherNames,
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
  const misaligned = checkMisaligned(record);
  const imageCategories = objectCategories(annotations);
  const pairs = record.questions.map((question, index): PairAnalysis => {
    const targets = match.targets[index] ?? [];
    const textAnswer = record.text_answers[index] ?? "";
    const rawAnswer = record.raw_answers?.[index] ?? null;
    const copyForms = (record.answers[index] ?? []).map((t) => segmentationForm(t.segmentation));
    return evaluate(
      { height, width, annotations, fileFlags: flagsOfFile, misaligned, imageCategories },
      { index, question, textAnswer, rawAnswer, targets, copyForms, duplicate: duplicates[index] ?? false, checkBoxes: true },
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

/** The object categories of an image's annotations (a part's object category included). */
export function objectCategories(annotations: readonly Pick<AnnotationView, "categoryName">[]): Set<string> {
  return new Set(annotations.map((a) => objectCategoryOf(a.categoryName)));
}

/** The per-annotation facts the checks read; `AnnotationView`s from the API are enough. */
export type AnnotationFacts = Pick<AnnotationView, "categoryName" | "bbox" | "area" | "rle"> & {
  maskValid?: boolean;
  instanceName?: string;
  form?: SegmentationForm;
  problem?: RleProblem | null;
  copyOf?: number | null;
  generatorName?: string;
  otherNames?: string[];
};

/** What re-checking one pair needs; a `RecordAnalysis` is one. */
export interface PairContext {
  height: number;
  width: number;
  annotations: readonly AnnotationFacts[];
  fileFlags: readonly FlagId[];
  /** The record's arrays differ in length (every pair is `misaligned`). */
  misaligned?: boolean;
  /** Object categories of the image (see `PairCheckInput.imageCategories`); derived when absent. */
  imageCategories?: ReadonlySet<string>;
  /** The image's pairs as imported. */
  pairs: readonly (Pick<PairAnalysis, "question" | "textAnswer" | "rawAnswer" | "targets"> & { copyForms?: SegmentationForm[] })[];
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
    // Targets kept as they were keep their own copies; picked ones are written as the annotation.
    ...(original.copyForms && sameIndices(targets, original.targets) ? { copyForms: original.copyForms } : {}),
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
  copyForms?: SegmentationForm[];
  duplicate: boolean;
  checkBoxes: boolean;
}

function evaluate(context: Omit<PairContext, "pairs">, pair: PairInput): PairAnalysis {
  const facts = pair.targets.map((t, k): TargetFacts => {
    const a = context.annotations[t]!;
    const form = pair.copyForms?.[k] ?? a.form;
    const name = a.generatorName ?? a.instanceName;
    return {
      categoryName: a.categoryName,
      bbox: a.bbox,
      area: a.area,
      size: a.rle.size,
      maskValid: a.maskValid ?? true,
      // Stryker disable next-line ConditionalExpression: equivalent, pairFlags reads `form !== undefined`, so { form: undefined } is {}
      ...(form !== undefined ? { form } : {}),
      ...(a.problem !== undefined ? { rleProblem: a.problem } : {}),
      copyDiffers: a.copyOf !== undefined && a.copyOf !== null,
      // Stryker disable next-line ConditionalExpression: equivalent, pairFlags reads `name ?? ""`, so { name: undefined } is {}
      ...(name !== undefined ? { name } : {}),
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, pairFlags reads `otherNames ?? []`, so undefined, [] and absent agree
      ...(a.otherNames && a.otherNames.length > 0 ? { otherNames: a.otherNames } : {}),
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
      misaligned: context.misaligned ?? false,
      namesRawAnswer: pair.rawAnswer,
      imageCategories: context.imageCategories ?? objectCategories(context.annotations),
    }),
    categories: [...new Set(categoryNames)],
    ...(pair.copyForms ? { copyForms: pair.copyForms } : {}),
  };
}
