import { z } from "zod";
import {
  decisionSchema,
  flagSchema,
  granularitySchema,
  historyEntrySchema,
  reasonSchema,
  splitNameSchema,
  statusSchema,
} from "./domain";

/* The HTTP API contract (SPEC section 7), parsed on both sides. */

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

const statusCountsSchema = z.object({
  pending: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const splitSummarySchema = z.object({
  name: z.string(),
  sourceFile: z.string(),
  importedAt: z.string(),
  images: z.number().int(),
  pairs: z.number().int(),
  byStatus: statusCountsSchema,
});
export type SplitSummary = z.infer<typeof splitSummarySchema>;
export const splitListSchema = z.object({ splits: z.array(splitSummarySchema) });

const optionalInt = z.coerce.number().int().nonnegative().optional();

/** Filters of the queue and gallery; also the query string of `GET /api/pairs`. */
export const pairFilterSchema = z.object({
  split: splitNameSchema.optional(),
  status: statusSchema.optional(),
  granularity: granularitySchema.optional(),
  minTargets: optionalInt,
  maxTargets: optionalInt,
  /** A PACO category name (`chair`, `chair:leg`): pairs with a target of that category. */
  category: z.string().max(200).optional(),
  flag: flagSchema.optional(),
  reviewer: z.string().max(80).optional(),
  /** A reason code (`wrong_target`): pairs whose current decision gives that reason. */
  reason: reasonSchema.optional(),
  /**
   * A reviewer name: pairs where this reviewer's last decision (accepted or rejected) differs
   * from `disagreeWith`'s last decision (or, without it, from any other reviewer's).
   */
  disagree: z.string().max(80).optional(),
  disagreeWith: z.string().max(80).optional(),
  /** Pairs this reviewer decided (accepted or rejected) at some point, also when since overwritten. */
  decidedBy: z.string().max(80).optional(),
  /** An ISO hour `YYYY-MM-DDTHH` (UTC): pairs decided during that hour. */
  decidedHour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/, "an hour is YYYY-MM-DDTHH").optional(),
  /**
   * The pair's comment thread (issue 11): `any`, pairs with at least one comment ("has
   * discussion"); `sent`, pairs someone sent to discussion instead of deciding.
   */
  discussion: z.enum(["any", "sent"]).optional(),
  /** A user name: pairs whose thread mentions `@name` ("mentions me" with one's own name). */
  mentions: z.string().max(80).optional(),
  /** Full-text search over question and answer. */
  q: z.string().max(200).optional(),
  /**
   * `dataset`: file order; `flagged`: pairs with flags first, then file order; `disagreement`: the
   * pairs `model` predicted, lowest pair IoU first ("model disagrees most").
   */
  sort: z.enum(["dataset", "flagged", "disagreement"]).optional(),
  /** An imported model of the split: with sort=disagreement and the IoU range. */
  model: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/).optional(),
  minIou: z.coerce.number().min(0).max(1).optional(),
  maxIou: z.coerce.number().min(0).max(1).optional(),
});
export type PairFilter = z.infer<typeof pairFilterSchema>;

export const pairListQuerySchema = pairFilterSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type PairListQuery = z.infer<typeof pairListQuerySchema>;

export const pairSummarySchema = z.object({
  id: z.string(),
  split: z.string(),
  imageId: z.number().int(),
  index: z.number().int(),
  question: z.string(),
  targetCount: z.number().int(),
  granularity: granularitySchema,
  status: statusSchema,
  flags: z.array(flagSchema),
  reviewer: z.string().nullable(),
  /** Version of the pair's decision (0: never decided); changes with every decision and edit. */
  version: z.number().int().optional(),
});
export type PairSummary = z.infer<typeof pairSummarySchema>;

export const pairListSchema = z.object({
  items: z.array(pairSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  /** Counts per status for the whole filter (ignoring its status filter), for the queue header. */
  counts: statusCountsSchema,
});
export type PairList = z.infer<typeof pairListSchema>;

export const annotationViewSchema = z.object({
  /** Position in the record's `annotations`; what edits and targets refer to. */
  index: z.number().int(),
  /** The annotation's own `id` field when it has one. */
  annId: z.number().int().nullable(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  kind: z.enum(["object", "part"]),
  /** How answers name it: `chair_2`, `chair_2's leg`. */
  instanceName: z.string(),
  /** For a part, the index of the object it belongs to (null when none was found). */
  parent: z.number().int().nullable(),
  bbox: z.array(z.number()).length(4),
  area: z.number(),
  /** `[x, y, w, h]` of the mask's pixels. */
  maskBox: z.array(z.number()).length(4),
  /** The mask as compressed COCO RLE, whatever form the file used. */
  rle: z.object({ size: z.tuple([z.number().int(), z.number().int()]), counts: z.string() }),
  /**
   * For a target's own copy that differs from the annotation it names (`target_copy`): that
   * annotation's index. The copy is this entry (its mask is what training uses); both can be shown.
   * Sent for pairs flagged `target_copy`, `mask_form` or `bad_rle`.
   */
  copyOf: z.number().int().nullable().optional(),
  /** Form of the segmentation as stored (sent with `copyOf`). */
  form: z.enum(["compressed", "uncompressed", "polygon"]).optional(),
  /** Why pycocotools cannot decode it to a mask of the image (sent with `copyOf`). */
  problem: z.enum(["counts_sum", "bad_string", "negative_count", "size"]).nullable().optional(),
  /** The generator's name of the target (a copy shares it with the annotation it names). */
  generatorName: z.string().optional(),
});
export type AnnotationView = z.infer<typeof annotationViewSchema>;

export const pairDetailSchema = z.object({
  id: z.string(),
  split: z.string(),
  imageId: z.number().int(),
  index: z.number().int(),
  image: z.object({
    fileName: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    /** Where the browser loads the pixels: `/api/images/<split>/<image id>` (see `imageUrl`). */
    url: z.string(),
    /** Pair ids of every question about this image, in order. */
    pairIds: z.array(z.string()),
  }),
  question: z.string(),
  textAnswer: z.string(),
  rawAnswer: z.string().nullable(),
  /** The original (imported) values, for showing what an edit changed. */
  original: z.object({
    question: z.string(),
    textAnswer: z.string(),
    targets: z.array(z.number().int()),
  }),
  /** Annotation indices of the targets in placeholder order, edits applied. */
  targets: z.array(z.number().int()),
  /**
   * Form of each original target's own copy in `answers` (what the loader decodes), for pairs
   * flagged `mask_form`, `bad_rle` or `target_copy`.
   */
  copyForms: z.array(z.enum(["compressed", "uncompressed", "polygon"])).optional(),
  annotations: z.array(annotationViewSchema),
  granularity: granularitySchema,
  flags: z.array(flagSchema),
  decision: decisionSchema.nullable(),
  history: z.array(historyEntrySchema),
  /** Neighbours in the filter given as query parameters (same as `GET /api/pairs`). */
  prev: z.string().nullable(),
  next: z.string().nullable(),
  /** For a `duplicate` pair: the earlier pair of the image whose question it repeats. */
  duplicateOf: z.string().nullable().optional(),
});
export type PairDetail = z.infer<typeof pairDetailSchema>;

export const decisionResponseSchema = z.object({
  decision: decisionSchema,
  flags: z.array(flagSchema),
  granularity: granularitySchema,
});
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;

/** Body of a 409: the stale write was refused; here is what is stored now. */
export const conflictSchema = apiErrorSchema.extend({ current: decisionSchema });
export type Conflict = z.infer<typeof conflictSchema>;

export const historyResponseSchema = z.object({ history: z.array(historyEntrySchema) });

const countMapSchema = z.record(z.string(), z.number().int());

export const statsSchema = z.object({
  splits: z.array(splitSummarySchema),
  total: z.number().int(),
  byStatus: statusCountsSchema,
  byGranularity: z.record(granularitySchema, statusCountsSchema),
  /** Per flag: how many pairs carry it and how those were decided. */
  byFlag: z.record(z.string(), statusCountsSchema),
  byReason: countMapSchema,
  byReviewer: countMapSchema,
  /** Pairs per target count: key is the count ("0", "1", …). */
  targetHistogram: countMapSchema,
});
export type Stats = z.infer<typeof statsSchema>;

/** The URL of an image's pixels: split and id, since two splits may use one id for different files. */
export function imageUrl(split: string, imageId: number): string {
  return `/api/images/${encodeURIComponent(split)}/${imageId}`;
}
