import { z } from "zod";
import { annotationViewSchema, pairFilterSchema, pairSummarySchema } from "./api";
import { decisionSchema, granularitySchema, splitNameSchema, statusSchema } from "./domain";

/*
 * Endpoints of the gallery, dashboard and export screens beyond the core contract (api.ts):
 * everything under `/api/insights`. Parsed on both sides like the rest of the API.
 */

/** `GET /api/insights/activity`: decisions per reviewer per hour, from the history. */
export const activitySchema = z.object({
  /** One row per (reviewer, hour) with at least one write; `hour` is ISO `YYYY-MM-DDTHH`. */
  hours: z.array(z.object({ reviewer: z.string(), hour: z.string(), decisions: z.number().int() })),
  /** Pairs decided (accepted or rejected) by two reviewers, per reviewer couple. */
  agreement: z.array(
    z.object({ a: z.string(), b: z.string(), pairs: z.number().int(), agreed: z.number().int() }),
  ),
});
export type Activity = z.infer<typeof activitySchema>;

export const sampleQuerySchema = pairFilterSchema.extend({
  n: z.coerce.number().int().min(1).max(5000),
  seed: z.string().min(1).max(80),
});
export type SampleQuery = z.infer<typeof sampleQuerySchema>;

/** `GET /api/insights/sample?<filters>&n&seed`: a seeded sample of the filtered pairs. */
export const sampleSchema = z.object({
  seed: z.string(),
  /** Pairs in the filter the sample was drawn from. */
  population: z.number().int(),
  /** Filtered pairs per granularity, to scale the estimate to the population. */
  populationByGranularity: z.record(granularitySchema, z.number().int()),
  items: z.array(pairSummarySchema),
});
export type Sample = z.infer<typeof sampleSchema>;

/** `GET /api/insights/thumbs?ids=a,b`: what a gallery card paints. */
export const thumbSchema = z.object({
  id: z.string(),
  split: z.string(),
  imageId: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string(),
  /** Target annotations in placeholder order (edits applied). */
  targets: z.array(annotationViewSchema),
});
export type Thumb = z.infer<typeof thumbSchema>;
export const thumbListSchema = z.object({ items: z.array(thumbSchema) });
export const MAX_THUMB_IDS = 100;

/** `POST /api/insights/decisions {ids}`: current decisions, for bulk writes and their undo. */
export const decisionLookupBodySchema = z.object({ ids: z.array(z.string().max(200)).min(1).max(5000) });
export const decisionLookupSchema = z.object({
  decisions: z.record(z.string(), decisionSchema.nullable()),
});
export type DecisionLookup = z.infer<typeof decisionLookupSchema>;

/** `GET /api/insights/image-pairs?split&imageId`: every pair of one image (the "whole image" action). */
export const imagePairsSchema = z.object({ items: z.array(pairSummarySchema) });

export const exportPreviewQuerySchema = z.object({
  split: splitNameSchema,
  include: z.enum(["pending"]).optional(),
});

const keptDroppedSchema = z.object({ kept: z.number().int(), dropped: z.number().int() });

/** What the official MMR code will do with the kept pairs (LOADER.md), for the export screen. */
export const loaderPreviewSchema = z.object({
  /** Kept pairs with a loader-breaking flag: the loader-safe export leaves them out. */
  breaking: z.number().int(),
  /** The same, per loader-breaking flag (a pair counts once per flag it has). */
  breakingByFlag: z.record(z.string(), z.number().int()),
  /** Kept pairs with polygon or uncompressed target copies: the loader-safe export converts them. */
  maskForm: z.number().int(),
  /** Records with more than three kept pairs (the training loader's sampling, LOADER.md). */
  recordsOverThreePairs: z.number().int(),
});
export type LoaderPreview = z.infer<typeof loaderPreviewSchema>;

/** `GET /api/insights/export-preview?split&include`: what an export would write. */
export const exportPreviewSchema = z.object({
  split: z.string(),
  includePending: z.boolean(),
  pairs: keptDroppedSchema,
  images: keptDroppedSchema,
  /** Pairs per status and granularity, each either kept or dropped as a whole. */
  byStatus: z.record(statusSchema, z.object({ object: z.number().int(), part: z.number().int(), mixed: z.number().int() })),
  /** Kept pairs whose question, answer or targets were edited. */
  editedKept: z.number().int(),
  /** Bytes of the kept records as imported: a progress scale for the download. */
  estimatedBytes: z.number().int(),
  /** Decided pairs: lines of the decision log. */
  decided: z.number().int(),
  /** What the official loader will make of the kept pairs; absent for stores that do not count it. */
  loader: loaderPreviewSchema.optional(),
});
export type ExportPreview = z.infer<typeof exportPreviewSchema>;
