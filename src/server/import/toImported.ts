import { hash } from "node:crypto";
import type { RecordAnalysis } from "../../shared/analyze";
import type { ImageRecord } from "../../shared/mmr";
import type { ImportedAnnotation, ImportedImage, ImportedPair } from "../storage/store";

/* Maps the shared analysis of one record onto what the store keeps. */

type Quad = [number, number, number, number];

function quad(values: readonly number[]): Quad {
  return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0, values[3] ?? 0];
}

/**
 * What decides whether a re-import keeps a pair's decision: question, text answer, the targets,
 * and the image's annotation list by identity (id, category, box) in order. Edits store targets as
 * positions in `annotations`, so a decision survives only while those positions still mean the same
 * annotations; otherwise it is reset and reported rather than silently pointing elsewhere.
 */
export function pairContentHash(question: string, textAnswer: string, targets: readonly number[], annotationIdentity: string): string {
  const body = JSON.stringify([question, textAnswer, targets, annotationIdentity]);
  // One-shot hash: a Hash object per pair (createHash + update + digest) was 1.2 s of a 154K import.
  return hash("sha1", body, "base64url");
}

function annotationIdentity(annotations: readonly ImportedAnnotation[]): string {
  return hash("sha1", JSON.stringify(annotations.map((a) => [a.annId, a.categoryName, a.bbox])), "base64url");
}

export function toImportedImage(record: ImageRecord, raw: string, ordinal: number, analysis: RecordAnalysis): ImportedImage {
  const annotations = analysis.annotations.map((a): ImportedAnnotation => {
    const own = a.orphan ? undefined : record.annotations[a.index]?.segmentation;
    const ownCounts = own && !Array.isArray(own) ? own.counts : undefined;
    return {
      index: a.index,
      annId: a.annId,
      categoryId: a.categoryId,
      categoryName: a.categoryName,
      kind: a.kind,
      instanceName: a.instanceName,
      parent: a.parent,
      bbox: quad(a.bbox),
      area: a.area,
      maskBox: quad(a.maskBox),
      rle: a.rle.counts,
      size: [a.rle.size[0], a.rle.size[1]],
      rleInRecord: typeof ownCounts === "string" && ownCounts === a.rle.counts,
    };
  });
  const identity = annotationIdentity(annotations);
  const pairs = analysis.pairs.map((p): ImportedPair => ({
    ...p,
    contentHash: pairContentHash(p.question, p.textAnswer, p.targets, identity),
  }));
  return {
    ordinal,
    imageId: analysis.imageId,
    fileName: analysis.fileName,
    width: analysis.width,
    height: analysis.height,
    raw,
    annotations,
    pairs,
    fileFlags: analysis.fileFlags,
  };
}
