import { rebuildRawAnswer } from "./answers";
import { normalizeEdits, type Decision } from "./domain";
import type { Annotation, ImageRecord } from "./mmr";
import { matchTargets } from "./targets";
import type { TargetMatch } from "./targets";

/*
 * Export assembly (SPEC section 5): one cleaned record from the record as read and the decisions
 * of its pairs. Everything but the four per-pair arrays is passed through untouched, in the same
 * key order, so an export of an undecided split with pending included equals its input.
 */

export interface ExportOptions {
  /** Keep pending (undecided) pairs too; accepted pairs are always kept, rejected never. */
  includePending: boolean;
}

const PAIR_FIELDS = new Set(["questions", "answers", "text_answers", "raw_answers"]);

/**
 * The cleaned record, or null when no pair is left. `decisions` is keyed by question index; a
 * pair without a decision is pending. `record` must be the object as read (not a zod parse
 * result, which reorders keys).
 */
export function exportRecord(
  record: ImageRecord,
  decisions: ReadonlyMap<number, Decision>,
  opts: ExportOptions,
): ImageRecord | null {
  const kept: number[] = [];
  for (let i = 0; i < record.questions.length; i++) {
    const status = decisions.get(i)?.status ?? "pending";
    if (status === "accepted" || (status === "pending" && opts.includePending)) kept.push(i);
  }
  if (kept.length === 0) return null;
  const edited = kept.some((i) => hasEdits(decisions.get(i)));
  if (kept.length === record.questions.length && !edited) return record;

  let match: TargetMatch | null = null; // only needed to resolve edited targets that are orphans
  const questions: string[] = [];
  const answers: Annotation[][] = [];
  const textAnswers: string[] = [];
  const rawAnswers: string[] = [];
  const hasRaw = Array.isArray(record.raw_answers);

  for (const i of kept) {
    const edits = decisions.get(i)?.edits ?? null;
    const originalText = record.text_answers[i]!;
    const originalTargets = record.answers[i]!;
    const textAnswer = edits?.textAnswer ?? originalText;
    let targets = originalTargets;
    let targetsChanged = false;
    if (edits?.targets) {
      match ??= matchTargets(record.annotations, record.answers);
      const resolved = match;
      targets = edits.targets.map((t) => {
        const annotation = record.annotations[t] ?? resolved.orphans[t - record.annotations.length];
        if (!annotation) throw new RangeError(`image ${record.image_id}, pair ${i}: target ${t} is no annotation`);
        return annotation;
      });
      const before = resolved.targets[i] ?? [];
      targetsChanged = edits.targets.length !== before.length || edits.targets.some((t, k) => t !== before[k]);
      // An unchanged selection keeps the answer's own objects, exactly as read.
      if (!targetsChanged) targets = originalTargets;
    }
    questions.push(edits?.question ?? record.questions[i]!);
    answers.push(targets);
    textAnswers.push(textAnswer);
    if (hasRaw) {
      const raw = record.raw_answers![i]!;
      rawAnswers.push(
        textAnswer !== originalText || targetsChanged ? rebuildRawAnswer(textAnswer, targets.map((t) => t.bbox)) : raw,
      );
    }
  }

  const replacement: Record<string, unknown> = {
    questions,
    answers,
    text_answers: textAnswers,
    raw_answers: rawAnswers,
  };
  // Rebuild by walking the original keys so their order (and every unknown field) is kept.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const kept = PAIR_FIELDS.has(key) && (key !== "raw_answers" || hasRaw) ? replacement[key] : value;
    // defineProperty, not assignment: a dataset key named "__proto__" must stay a plain field.
    Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out as ImageRecord;
}

function hasEdits(decision: Decision | undefined): boolean {
  return normalizeEdits(decision?.edits) !== null;
}
