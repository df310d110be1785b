import { z } from "zod";

/*
 * Schemas of the MMR file format (SPEC section 2).
 *
 * They validate; they never rewrite. zod builds a new object on parse (known keys first), so code
 * that must write a record back losslessly validates with these schemas and keeps the object it
 * read, unknown fields and key order included.
 */

const count = z.number().int().nonnegative();

/**
 * zod spends ~0.2 µs per array element; a mask's uncompressed `counts` or a polygon can hold a
 * quarter of a million numbers. This answers at once for an array every element of which passes
 * `ok` (a test that implies the element schema's own, so such an array is one zod accepts as it
 * is) and hands anything else to zod itself: what is accepted, and every error message, stay zod's.
 * The value is kept as read rather than copied, as everywhere else these schemas are used.
 */
function withFastPath<T extends z.ZodArray>(schema: T, ok: (x: unknown) => boolean): T {
  const internals = schema._zod;
  // `run` is `parse` plus the schema's checks; with none (as here) zod makes it `parse` itself.
  if ((internals.def.checks?.length ?? 0) > 0) throw new Error("withFastPath: an array schema with checks");
  const fast =
    (slow: typeof internals.parse): typeof internals.parse =>
    (payload, ctx) => {
      const v = payload.value;
      if (!Array.isArray(v)) return slow(payload, ctx);
      for (let i = 0; i < v.length; i++) if (!ok(v[i])) return slow(payload, ctx);
      return payload;
    };
  internals.parse = fast(internals.parse);
  internals.run = fast(internals.run);
  return schema;
}

/** Implies `count`: zod's `int()` is a safe integer, `nonnegative()` is `>= 0`. */
const isCount = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 0;
/** Implies `z.number()`, which refuses NaN and ±Infinity. */
const isFiniteNumber = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x);

export const rleSegmentationSchema = z.looseObject({
  size: z.tuple([count, count]),
  counts: z.union([z.string(), withFastPath(z.array(count), isCount)]),
});

export const polygonSegmentationSchema = z.array(withFastPath(z.array(z.number()), isFiniteNumber));

export const segmentationSchema = z.union([rleSegmentationSchema, polygonSegmentationSchema]);

export const annotationSchema = z.looseObject({
  bbox: z.array(z.number()).length(4),
  segmentation: segmentationSchema,
  image_id: z.number().int(),
  category_name: z.string(),
  category_id: z.number().int(),
  sorted_category_id: z.number().int().optional(),
  id: z.number().int().optional(),
  obj_ann_id: z.number().int().optional(),
});

/**
 * Arrays of different lengths (`questions`, `answers`, `text_answers`, `raw_answers`) are read, not
 * refused: the record's pairs are flagged `misaligned` (checks.ts), so a curator sees and fixes them.
 */
export const imageRecordSchema = z
  .looseObject({
    file_name: z.string(),
    height: z.number().int().positive(),
    width: z.number().int().positive(),
    image_id: z.number().int(),
    not_exhaustive_category_ids: z.array(z.number().int()).optional(),
    neg_category_ids: z.array(z.number().int()).optional(),
    coco_url: z.string().optional(),
    questions: z.array(z.string()),
    annotations: z.array(annotationSchema),
    answers: z.array(z.array(annotationSchema)),
    text_answers: z.array(z.string()),
    raw_answers: z.array(z.string()).optional(),
  });

export type RleSegmentation = z.infer<typeof rleSegmentationSchema>;
export type PolygonSegmentation = z.infer<typeof polygonSegmentationSchema>;
export type Segmentation = z.infer<typeof segmentationSchema>;
export type Annotation = z.infer<typeof annotationSchema>;
export type ImageRecord = z.infer<typeof imageRecordSchema>;

/** One line naming the first problem of a record that failed validation: `field.path: message`. */
export function describeRecordError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid record";
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${path.replace(/^\./, "") || "(record)"}: ${issue.message}`;
}
