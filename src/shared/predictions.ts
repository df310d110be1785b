import { z } from "zod";
import { parsePairId } from "./domain";
import { rleFromString } from "./rle";

/*
 * The prediction file: JSON Lines, one object per pair,
 *   {"id": "<split>:<image_id>:<index>", "masks": [<COCO RLE>, …], "score"?: number | number[]}
 * or `image_id` + `index` instead of `id`. One mask per target, in placeholder order (the order of
 * the model's [SEG] tokens). Masks are compressed COCO RLE as pycocotools writes them
 * (`counts` a string); uncompressed counts are read too.
 */

const count = z.number().int().nonnegative();

export const predictedMaskSchema = z.object({
  size: z.tuple([count, count]),
  counts: z.union([z.string(), z.array(count)]),
});

export const predictionLineSchema = z
  .looseObject({
    id: z.string().max(200).optional(),
    image_id: z.number().int().optional(),
    index: count.optional(),
    masks: z.array(predictedMaskSchema).max(1024),
    score: z.union([z.number(), z.array(z.number())]).optional(),
  })
  .refine((line) => line.id !== undefined || (line.image_id !== undefined && line.index !== undefined), {
    message: 'needs "id" ("<split>:<image_id>:<index>") or both "image_id" and "index"',
  });
export type PredictionLine = z.infer<typeof predictionLineSchema>;

export interface PredictedMask {
  height: number;
  width: number;
  counts: Uint32Array;
  /** The compressed string as given, or the encoding of the given counts (set by the reader). */
  rle: string | null;
}

export interface Prediction {
  /** The split named by `id`, or null when the line gave `image_id` + `index`. */
  split: string | null;
  imageId: number;
  index: number;
  masks: PredictedMask[];
  scores: number[] | null;
}

/** A prediction line that cannot be used; the message is one line meant for the user. */
export class PredictionLineError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = "PredictionLineError";
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid prediction";
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  return `${path || "(line)"}: ${issue.message}`;
}

/**
 * Parses and checks one line (its number, from 1, names it in errors): JSON, shape, pair id, and
 * every mask's counts adding up to its size. Whether the pair exists and the sizes are the image's
 * is for the caller, who knows the split.
 */
export function parsePredictionLine(text: string, line: number): Prediction {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PredictionLineError(line, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = predictionLineSchema.safeParse(value);
  if (!parsed.success) throw new PredictionLineError(line, describe(parsed.error));
  const data = parsed.data;

  let split: string | null = null;
  let imageId: number;
  let index: number;
  if (data.id !== undefined) {
    const id = parsePairId(data.id);
    if (!id) throw new PredictionLineError(line, `id ${JSON.stringify(data.id)} is no pair id ("<split>:<image_id>:<index>")`);
    if ((data.image_id !== undefined && data.image_id !== id.imageId) || (data.index !== undefined && data.index !== id.index)) {
      throw new PredictionLineError(line, `id ${JSON.stringify(data.id)} disagrees with its image_id/index fields`);
    }
    ({ split, imageId, index } = id);
  } else {
    imageId = data.image_id!;
    index = data.index!;
  }

  const masks = data.masks.map((mask, k): PredictedMask => {
    const [height, width] = mask.size;
    const counts = typeof mask.counts === "string" ? rleFromString(mask.counts) : Uint32Array.from(mask.counts);
    let total = 0;
    for (let i = 0; i < counts.length; i++) total += counts[i]!;
    if (typeof mask.counts !== "string" && mask.counts.some((c, i) => c !== counts[i])) {
      throw new PredictionLineError(line, `masks[${k}].counts: a count is 2^32 or more`);
    }
    if (total !== height * width) {
      throw new PredictionLineError(line, `masks[${k}].counts add up to ${total}, but size ${height}x${width} needs ${height * width}`);
    }
    return { height, width, counts, rle: typeof mask.counts === "string" ? mask.counts : null };
  });

  const scores = data.score === undefined ? null : Array.isArray(data.score) ? data.score : [data.score];
  return { split, imageId, index, masks, scores };
}
