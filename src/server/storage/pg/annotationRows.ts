import { storedJson } from "../annotationViews";
import type { StoredAnnotation } from "../sqlite/annotationCodec";

/** A row of PostgreSQL's `annotations` table (boxes as JSON text, ids possibly bigint). */
export interface AnnotationRow {
  idx: number;
  ann_id: number | null;
  category_id: number;
  category: string;
  kind: string;
  instance_name: string;
  parent: number | null;
  bbox: string;
  area: number;
  mask_box: string;
  rle: string | null;
  h: number;
  w: number;
}

export function storedAnnotation(row: AnnotationRow): StoredAnnotation {
  return {
    idx: row.idx,
    annId: row.ann_id === null ? null : Number(row.ann_id),
    categoryId: Number(row.category_id),
    category: row.category,
    kind: row.kind,
    instanceName: row.instance_name,
    parent: row.parent,
    bbox: storedJson<number[]>(row.bbox, "an annotation box"),
    area: row.area,
    maskBox: storedJson<number[]>(row.mask_box, "an annotation mask box"),
    rle: row.rle,
    h: row.h,
    w: row.w,
  };
}
