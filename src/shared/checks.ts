import { bboxToCorners, countPlaceholders, findStrayBraces, parseRawAnswer } from "./answers";
import { BOX_IOU_THRESHOLD, boxIou } from "./boxIou";
import { flagIds } from "./domain";
import { checkExplicit } from "./explicit";
import type { FlagId } from "./domain";
import { checkNameMismatch } from "./nameMismatch";
import type { RleProblem, SegmentationForm } from "./rleCheck";
import { isSafeFileName } from "./paths";

/*
 * The automatic checks of SPEC section 4, as pure functions. Each returns true when the pair is
 * flagged. A clean pair must get no flag: every rule below errs on the side of silence.
 */

/** What the checks need to know about one target. */
export interface TargetFacts {
  categoryName: string;
  /** COCO `[x, y, w, h]`. */
  bbox: readonly number[];
  /** Mask pixels. */
  area: number;
  /** `[height, width]` of the mask as stored. */
  size: readonly [number, number];
  /** False when the segmentation could not be read as a mask at all. */
  maskValid: boolean;
  /** The form of the target's own copy in `answers` (what the loader decodes); compressed when unknown. */
  form?: SegmentationForm;
  /** Why pycocotools cannot decode the copy to a mask of the image (`bad_rle`), or null. */
  rleProblem?: RleProblem | null;
  /** The copy names an annotation but is another target (`target_copy`). */
  copyDiffers?: boolean;
  /** The generator's name for the target (`chair_2's leg`), for `name_mismatch`; absent: not judged. */
  name?: string;
  /** Other names the generator may have given it (a part named after another overlapping object). */
  otherNames?: readonly string[];
}

/** The training loader drops a pair whose placeholder count differs from its target count. */
export function checkSegCount(textAnswer: string, targetCount: number): boolean {
  return countPlaceholders(textAnswer) !== targetCount;
}

/** `str.format(seg=…)` in the training loader raises on any other brace. */
export function checkBraces(textAnswer: string): boolean {
  return findStrayBraces(textAnswer).length > 0;
}

export { BOX_IOU_THRESHOLD, boxIou };

/**
 * Box k of the raw answer against target k's `bbox`, in order. Only the boxes that have a target
 * (and targets that have a box) are compared: a different count is what `seg_count` reports, and
 * a raw answer without boxes has nothing to compare.
 */
export function checkBoxMismatch(rawAnswer: string | null, targetBboxes: readonly (readonly number[])[]): boolean {
  if (!rawAnswer) return false;
  const boxes = parseRawAnswer(rawAnswer);
  const n = Math.min(boxes.length, targetBboxes.length);
  for (let k = 0; k < n; k++) {
    if (boxIou(boxes[k]!.box, bboxToCorners(targetBboxes[k]!)) < BOX_IOU_THRESHOLD) return true;
  }
  return false;
}

/** Questions compared for `duplicate`: case, punctuation and spacing do not count. */
export function normaliseQuestion(question: string): string {
  return question
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Per question: whether an earlier question of the same image reads the same. */
export function duplicateQuestions(questions: readonly string[]): boolean[] {
  const seen = new Set<string>();
  return questions.map((q) => {
    const key = normaliseQuestion(q);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/** Whether `question`, asked at position `index`, repeats one of the questions before it. */
export function isDuplicateQuestion(question: string, index: number, questions: readonly string[]): boolean {
  const key = normaliseQuestion(question);
  for (let i = 0; i < index && i < questions.length; i++) {
    if (normaliseQuestion(questions[i]!) === key) return true;
  }
  return false;
}

/**
 * A target whose mask has no pixel. An unreadable mask or one of another size than the image is
 * `bad_rle` (`checkBadRle`), not this.
 */
export function checkEmptyMask(targets: readonly TargetFacts[]): boolean {
  return targets.some((t) => t.maskValid && t.area === 0 && !t.rleProblem);
}

/** A target copy pycocotools cannot decode to a mask of the image (LOADER.md, "Masks"). */
export function checkBadRle(targets: readonly TargetFacts[], height: number, width: number): boolean {
  return targets.some((t) => (t.rleProblem ?? null) !== null || !t.maskValid || t.size[0] !== height || t.size[1] !== width);
}

/** A target copy that is polygons or uncompressed counts: `mask.decode` raises `TypeError` on both. */
export function checkMaskForm(targets: readonly TargetFacts[]): boolean {
  return targets.some((t) => t.form !== undefined && t.form !== "compressed");
}

/** A literal `[SEG]` adds a mask token the targets do not fill (validation shifts every later mask). */
export function checkSegToken(textAnswer: string): boolean {
  return textAnswer.includes("[SEG]");
}

/** An empty text answer is skipped by training, which then runs out of answers (IndexError). */
export function checkEmptyAnswer(textAnswer: string): boolean {
  return textAnswer.length === 0;
}

/** `questions`, `answers`, `text_answers` (and `raw_answers` when present) differ in length. */
export function checkMisaligned(record: {
  questions: readonly unknown[];
  answers: readonly unknown[];
  text_answers: readonly unknown[];
  raw_answers?: readonly unknown[] | undefined;
}): boolean {
  const n = record.questions.length;
  return record.answers.length !== n || record.text_answers.length !== n || (record.raw_answers !== undefined && record.raw_answers.length !== n);
}


/**
 * Flags that belong to the image file rather than a pair. `missing_image` is only looked for when
 * an `imageExists` probe is given (an images folder) and the path is safe to probe.
 */
export function fileFlags(fileName: string, imageExists?: (fileName: string) => boolean): FlagId[] {
  if (!isSafeFileName(fileName)) return ["unsafe_path"];
  if (imageExists && !imageExists(fileName)) return ["missing_image"];
  return [];
}

export interface PairCheckInput {
  question: string;
  textAnswer: string;
  /** The raw answer to compare boxes with, or null when there is none (or it was rebuilt). */
  rawAnswer: string | null;
  targets: readonly TargetFacts[];
  duplicate: boolean;
  height: number;
  width: number;
  /** From `fileFlags`, computed once per record. */
  fileFlags: readonly FlagId[];
  /** The record's arrays differ in length (`checkMisaligned`), computed once per record. */
  misaligned?: boolean;
  /** Object categories of the image's annotations, so only real instance names are compared. */
  imageCategories?: ReadonlySet<string>;
  /**
   * The raw answer to read instance names from for `name_mismatch` (the original or the rebuilt
   * one); defaults to `rawAnswer`.
   */
  namesRawAnswer?: string | null;
}

/** Every flag of a pair, in the order of `flagIds`. */
export function pairFlags(input: PairCheckInput): FlagId[] {
  const set = new Set<FlagId>(input.fileFlags);
  if (checkSegCount(input.textAnswer, input.targets.length)) set.add("seg_count");
  if (checkBraces(input.textAnswer)) set.add("braces");
  if (checkBoxMismatch(input.rawAnswer, input.targets.map((t) => t.bbox))) set.add("box_mismatch");
  if (checkExplicit(input.question, input.targets.map((t) => t.categoryName))) set.add("explicit");
  if (input.duplicate) set.add("duplicate");
  if (checkEmptyMask(input.targets)) set.add("empty_mask");
  if (input.targets.length === 0) set.add("no_targets");
  if (checkMaskForm(input.targets)) set.add("mask_form");
  if (checkBadRle(input.targets, input.height, input.width)) set.add("bad_rle");
  if (checkSegToken(input.textAnswer)) set.add("seg_token");
  if (checkEmptyAnswer(input.textAnswer)) set.add("empty_answer");
  if (input.targets.some((t) => t.copyDiffers)) set.add("target_copy");
  {
    const names = input.targets.map((t) => [t.name ?? "", ...(t.otherNames ?? [])]);
    const raw = input.namesRawAnswer === undefined ? input.rawAnswer : input.namesRawAnswer;
    if (checkNameMismatch(input.textAnswer, raw, names, input.imageCategories)) set.add("name_mismatch");
  }
  if (input.misaligned) set.add("misaligned");
  return sortFlags(set);
}

export function sortFlags(flags: Iterable<FlagId>): FlagId[] {
  const set = new Set(flags);
  return flagIds.filter((id) => set.has(id));
}

