import { objectCategories } from "./analyze";
import type { PairDetail } from "./api";
import { pairFlags } from "./checks";
import type { TargetFacts } from "./checks";
import type { FlagId } from "./domain";

/*
 * The checks on an edit draft, from what `GET /api/pairs/:id` sends: each target's own copy
 * (form, problem, whether it differs from the annotation it names, the names the generator may have
 * given it), so the client knows before sending what the server will flag, `acceptBlockers`
 * included. The client lacks the image's other questions, so `duplicate` is carried over while the
 * question is unchanged; a changed answer or target list gets a rebuilt raw answer, so boxes are
 * only compared when neither moved.
 */

export interface DraftPair {
  question: string;
  textAnswer: string;
  /** Annotation indices in placeholder order. */
  targets: readonly number[];
}

const FILE_FLAGS: readonly FlagId[] = ["unsafe_path", "missing_image"];
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function draftFlags(detail: PairDetail, draft: DraftPair): FlagId[] {
  const byIndex = new Map(detail.annotations.map((a) => [a.index, a]));
  const keepsCopies = sameList(draft.targets, detail.original.targets);
  const targets = draft.targets.flatMap((index, k): TargetFacts[] => {
    const a = byIndex.get(index);
    if (!a) return [];
    // Kept targets are written as their own copies; picked ones as the annotation, in its form.
    const form = (keepsCopies ? detail.copyForms?.[k] : undefined) ?? a.form;
    return [
      {
        categoryName: a.categoryName,
        bbox: a.bbox,
        area: a.area,
        size: a.rle.size,
        // Stryker disable next-line all: equivalent, pairFlags reads maskValid only where rleProblem (set below whenever problem is) already decides
        maskValid: (a.problem ?? null) === null || a.problem === "size",
        // Stryker disable next-line ConditionalExpression: equivalent, pairFlags reads `form !== undefined`, so { form: undefined } is {}
        ...(form !== undefined ? { form } : {}),
        ...(a.problem !== undefined ? { rleProblem: a.problem } : {}),
        copyDiffers: a.copyOf !== undefined && a.copyOf !== null,
        name: a.generatorName ?? a.instanceName,
      },
    ];
  });
  const rebuilt = draft.textAnswer !== detail.original.textAnswer || !keepsCopies;
  return pairFlags({
    question: draft.question,
    textAnswer: draft.textAnswer,
    rawAnswer: rebuilt ? null : detail.rawAnswer,
    targets,
    duplicate: detail.flags.includes("duplicate") && draft.question === detail.original.question,
    height: detail.image.height,
    width: detail.image.width,
    fileFlags: detail.flags.filter((flag) => FILE_FLAGS.includes(flag)),
    misaligned: detail.flags.includes("misaligned"),
    imageCategories: objectCategories(detail.annotations),
    namesRawAnswer: rebuilt ? null : detail.rawAnswer,
  });
}
