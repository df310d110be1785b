import { z } from "zod";
import { pairFilterSchema, pairSummarySchema } from "./api";
import { splitNameSchema, statusSchema } from "./domain";

/* HTTP contract of `/api/predictions/*`: imported models, a pair's predicted masks, IoU insights. */

export const modelNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "model names use letters, digits, '.', '_' and '-'");

export const predictionModelSchema = z.object({
  split: z.string(),
  model: z.string(),
  sourceFile: z.string(),
  importedAt: z.string(),
  pairs: z.number().int(),
  meanIou: z.number().nullable(),
});
export type PredictionModelView = z.infer<typeof predictionModelSchema>;
export const modelListSchema = z.object({ models: z.array(predictionModelSchema) });

export const modelQuerySchema = z.object({ split: splitNameSchema, model: modelNameSchema });

export const pairPredictionSchema = z.object({
  pairId: z.string(),
  model: z.string(),
  /** One compressed COCO RLE per target, in placeholder order, at the image's size. */
  masks: z.array(z.object({ size: z.tuple([z.number().int(), z.number().int()]), counts: z.string() })),
  scores: z.array(z.number()).nullable(),
  /** Per current target (edits applied): I / (U + 1e-5), 1 for an empty union; null without a mask. */
  targetIous: z.array(z.number().nullable()),
  /** The pair's IoU against its current targets (mean, a target without a mask counting 0). */
  iou: z.number().nullable(),
  /** The pair's IoU as computed at import, against the split as imported (what sorting uses). */
  importedIou: z.number().nullable(),
});
export type PairPrediction = z.infer<typeof pairPredictionSchema>;

const optionalIou = z.coerce.number().min(0).max(1).optional();

export const predictionListQuerySchema = pairFilterSchema.omit({ sort: true }).extend({
  split: splitNameSchema,
  model: modelNameSchema,
  minIou: optionalIou,
  maxIou: optionalIou,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const predictionListSchema = z.object({
  items: z.array(pairSummarySchema.extend({ iou: z.number().nullable() })),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export type PredictionListView = z.infer<typeof predictionListSchema>;

const sliceSchema = z.object({
  pairs: z.number().int(),
  decided: z.number().int(),
  rejected: z.number().int(),
  /** rejected / decided, null when nothing in the slice is decided yet. */
  rejectShare: z.number().nullable(),
});

export const iouInsightsSchema = z.object({
  split: z.string(),
  model: z.string(),
  /** Ten bins of pair IoU, [0, 0.1), …, [0.9, 1]; counts per current status. */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), pairs: z.number().int(), byStatus: z.record(statusSchema, z.number().int()) })),
  overall: sliceSchema,
  /** The lowest-IoU 5 %, 10 % and 20 % of the scored pairs. */
  lowest: z.array(sliceSchema.extend({ fraction: z.number() })),
});
export type IouInsights = z.infer<typeof iouInsightsSchema>;

const subsetMetricsSchema = z.object({
  gIoU: z.number(),
  cIoU: z.number(),
  pairs: z.number().int(),
  targets: z.number().int(),
  countMismatch: z.number().int(),
});

export const evalReportSchema = z.object({
  subsets: z.object({ object: subsetMetricsSchema, part: subsetMetricsSchema, mixed: subsetMetricsSchema, all: subsetMetricsSchema }),
  pairs: z.number().int(),
  missing: z.number().int(),
  unscorable: z.array(z.string()),
  unscorableTotal: z.number().int(),
  countMismatch: z.array(z.object({ id: z.string(), targets: z.number().int(), masks: z.number().int() })),
  countMismatchTotal: z.number().int(),
  noTargets: z.number().int(),
});

/** `eval --db --compare` as JSON: the raw split (as imported) and the cleaned split. */
export const evalCompareSchema = z.object({
  split: z.string(),
  model: z.string(),
  status: z.enum(["accepted", "all"]),
  cleaned: evalReportSchema,
  raw: evalReportSchema.optional(),
});
export type EvalCompare = z.infer<typeof evalCompareSchema>;

export const evalQuerySchema = modelQuerySchema.extend({ status: z.enum(["accepted", "all"]).optional() });
