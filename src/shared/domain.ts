import { z } from "zod";

/* The review domain (SPEC section 3): pair ids, statuses, reasons, flags, decisions. */

export const statuses = ["pending", "accepted", "rejected"] as const;
export const statusSchema = z.enum(statuses);
export type Status = z.infer<typeof statusSchema>;

export const granularities = ["object", "part", "mixed"] as const;
export const granularitySchema = z.enum(granularities);
export type Granularity = z.infer<typeof granularitySchema>;

/** Reason codes, in the order the reject picker numbers them (1–9, then the rest). */
export const reasonCodes = [
  "wrong_target",
  "missing_target",
  "extra_target",
  "wrong_instance",
  "explicit_question",
  "ambiguous",
  "factual_error",
  "bad_mask",
  "language",
  "duplicate",
  "other",
] as const;
/** Reasons are extendable: known codes above, any other snake_case code is accepted too. */
export const reasonSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "reason codes are snake_case");
export type Reason = z.infer<typeof reasonSchema>;

export const reasonLabels: Record<(typeof reasonCodes)[number], string> = {
  wrong_target: "Wrong target",
  missing_target: "Missing target",
  extra_target: "Extra target",
  wrong_instance: "Wrong instance",
  explicit_question: "Question names its answer",
  ambiguous: "Ambiguous",
  factual_error: "Factual error",
  bad_mask: "Bad mask",
  language: "Language",
  duplicate: "Duplicate",
  other: "Other",
};

/** Automatic checks (SPEC section 4), in display order. */
export const flagIds = [
  "seg_count",
  "braces",
  "box_mismatch",
  "explicit",
  "duplicate",
  "empty_mask",
  "unsafe_path",
  "missing_image",
  "no_targets",
  "mask_form",
  "bad_rle",
  "seg_token",
  "empty_answer",
  "target_copy",
  "name_mismatch",
  "misaligned",
] as const;
export const flagSchema = z.enum(flagIds);
export type FlagId = z.infer<typeof flagSchema>;

export const flagExplanations: Record<FlagId, string> = {
  seg_count: "The number of {seg} placeholders differs from the number of targets.",
  braces: "The answer has a { or } outside a {seg} placeholder; the training loader's format() would raise.",
  box_mismatch: "A box in the raw answer does not match its target's box (IoU < 0.5).",
  explicit: "The question names a target in plain words, so it is no implicit query.",
  duplicate: "The question repeats an earlier question about the same image.",
  empty_mask: "A target's mask is empty or its size differs from the image's.",
  unsafe_path: "The image path is absolute or climbs out of the images folder.",
  missing_image: "The image file cannot be found in the images folder.",
  no_targets: "The pair has no target at all.",
  mask_form: "A target's copy is polygons or uncompressed counts: the official decoder raises on it (the loader-safe export converts it).",
  bad_rle: "A target's copy does not decode: its counts do not add up to height × width, its string is broken, or its size is not the image's.",
  seg_token: "The answer contains a literal [SEG]: it adds a mask token the targets do not fill.",
  empty_answer: "The text answer is empty: the training loader skips it and then raises IndexError.",
  target_copy: "A target's copy differs from the annotation it names: training uses the copy.",
  name_mismatch: "The instance named before a placeholder is another instance than the target at that position.",
  misaligned: "The record's questions, answers, text_answers and raw_answers have different lengths.",
};

/**
 * Flags that make the official MMR loader drop, crash on or mis-train a pair (LOADER.md). A pair
 * with any of them cannot be accepted until it is edited; the server refuses and the client says
 * why before sending.
 */
export const loaderBreakingFlags = [
  "seg_count",
  "braces",
  "no_targets",
  "empty_mask",
  "bad_rle",
  "seg_token",
  "empty_answer",
  "misaligned",
] as const satisfies readonly FlagId[];

/** The loader-breaking flags among `flags`, in display order: empty when the pair may be accepted. */
export function acceptBlockers(flags: readonly FlagId[]): FlagId[] {
  const breaking = new Set<FlagId>(loaderBreakingFlags);
  return flags.filter((flag) => breaking.has(flag));
}

/** `<split>:<image_id>:<question index>`; split names may not contain ':'. */
export const splitNameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "split names use letters, digits, '.', '_' and '-'");

export function pairId(split: string, imageId: number, index: number): string {
  return `${split}:${imageId}:${index}`;
}

export function parsePairId(id: string): { split: string; imageId: number; index: number } | null {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*):(-?\d+):(\d+)$/.exec(id);
  if (!match) return null;
  return { split: match[1]!, imageId: Number(match[2]), index: Number(match[3]) };
}

/**
 * What a curator changed. `targets` lists annotation indices (positions in the record's
 * `annotations`) in placeholder order; absent fields are unchanged.
 */
export const editsSchema = z
  .object({
    question: z.string().max(4000).optional(),
    textAnswer: z.string().max(8000).optional(),
    targets: z
      .array(z.number().int().nonnegative())
      .max(256)
      .refine((targets) => new Set(targets).size === targets.length, "a target may appear only once")
      .optional(),
  })
  .strict();
export type Edits = z.infer<typeof editsSchema>;

/** Absent, null and `{}` all mean "no edits" (null); otherwise the fields in a fixed order. */
export function normalizeEdits(edits: Edits | null | undefined): Edits | null {
  if (!edits) return null;
  const kept: Edits = {};
  if (edits.question !== undefined) kept.question = edits.question;
  if (edits.textAnswer !== undefined) kept.textAnswer = edits.textAnswer;
  if (edits.targets !== undefined) kept.targets = [...edits.targets];
  return Object.keys(kept).length === 0 ? null : kept;
}

export const decisionSchema = z.object({
  status: statusSchema,
  reasons: z.array(reasonSchema),
  note: z.string(),
  edits: editsSchema.nullable(),
  reviewer: z.string(),
  updatedAt: z.string(),
  version: z.number().int().nonnegative(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const reviewerSchema = z.string().trim().min(1, "reviewer name is required").max(80);

export const decisionInputSchema = z
  .object({
    status: statusSchema,
    reasons: z.array(reasonSchema).max(20).optional(),
    note: z.string().max(4000).optional(),
    edits: editsSchema.nullable().optional(),
    reviewer: reviewerSchema,
    /** The version the client last saw; 0 when the pair had no decision yet. */
    baseVersion: z.number().int().nonnegative(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.status === "rejected" && (input.reasons ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["reasons"], message: "a reject needs at least one reason" });
    }
  });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const historyEntrySchema = z.object({
  version: z.number().int().positive(),
  reviewer: z.string(),
  at: z.string(),
  before: decisionSchema.nullable(),
  after: decisionSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
