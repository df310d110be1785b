import type { AnnotationView } from "../../shared/api";
import type { StoredAnnotation } from "./sqlite/annotationCodec";

/*
 * Stored annotations as the review screen and the gallery show them, for both stores. A mask the
 * record already holds as compressed RLE is not stored twice (`rle` null): it is read back from the
 * record's own text, parsed only when some annotation needs it.
 */

type RawAnnotations = { annotations?: { segmentation?: { counts?: unknown } }[] };

/** Parses JSON the store wrote; text that does not parse means the store is inconsistent. */
export function storedJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`store is inconsistent: ${what} is not valid JSON`);
  }
}

/** `recordText` is called at most once, and only when a mask must come from the record. */
export function annotationViews(rows: readonly StoredAnnotation[], recordText: () => string): AnnotationView[] {
  let record: RawAnnotations | null = null;
  return rows.map((row) => {
    let counts = row.rle;
    if (counts === null) {
      record ??= storedJson<RawAnnotations>(recordText(), "an image record");
      const fromRecord = record.annotations?.[row.idx]?.segmentation?.counts;
      counts = typeof fromRecord === "string" ? fromRecord : "";
    }
    return {
      index: row.idx,
      annId: row.annId,
      categoryId: row.categoryId,
      categoryName: row.category,
      kind: row.kind === "part" ? "part" : "object",
      instanceName: row.instanceName,
      parent: row.parent,
      bbox: row.bbox,
      area: row.area,
      maskBox: row.maskBox,
      rle: { size: [row.h, row.w], counts },
    };
  });
}
