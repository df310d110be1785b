import { analyzeRecord } from "../../shared/analyze";
import type { AnalyzeEnv, RecordAnalysis } from "../../shared/analyze";
import { describeRecordError, imageRecordSchema } from "../../shared/mmr";
import { RleError, withRleBudget } from "../../shared/rle";
import type { ImageRecord } from "../../shared/mmr";
import { UserError } from "../errors";
import { imageFileProbe } from "../http/safePath";
import { checkStringSizes, parseRecordText } from "../io/records";
import type { ImportedImage } from "../storage/store";
import { toImportedImage } from "./toImported";
import "../limitsFromEnv";

/*
 * The CPU-heavy part of an import for one record: parse, validate, analyse, map. Pure apart from
 * probing the images folder, so it runs the same in a worker thread and inline.
 */

export interface RecordInput {
  index: number;
  text: string;
  byteOffset: number;
}

export interface AnalyzeTextOptions {
  /** The file name used in error messages. */
  file: string;
  imagesDir?: string;
}

function imageIdOf(value: unknown): number | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const id = (value as { image_id?: unknown }).image_id;
  return typeof id === "number" && Number.isInteger(id) ? id : null;
}

/** `file: record 12 (image_id 34)`: the start of every error about one record. */
export function recordLabel(file: string, index: number, imageId: number | null): string {
  return `${file}: record ${index}${imageId === null ? "" : ` (image_id ${imageId})`}`;
}

/** The one line import and lint both give for a repeated `image_id` (import refuses the file). */
export function duplicateImageIdMessage(file: string, index: number, imageId: number, first: number): string {
  return `${recordLabel(file, index, imageId)}: image_id: duplicate of record ${first}`;
}

const probes = new Map<string, (fileName: string) => boolean>();
/** One probe per images folder (it caches the folder's real path). */
function probeOf(dir: string): (fileName: string) => boolean {
  let probe = probes.get(dir);
  if (!probe) {
    probe = imageFileProbe(dir);
    probes.set(dir, probe);
  }
  return probe;
}

export function analyzeRecordText(input: RecordInput, opts: AnalyzeTextOptions): ImportedImage {
  const value = parseRecordText(input.text, opts.file, input.index, input.byteOffset);
  checkStringSizes(value, recordLabel(opts.file, input.index, imageIdOf(value)));
  const checked = imageRecordSchema.safeParse(value);
  if (!checked.success) {
    throw new UserError(`${recordLabel(opts.file, input.index, imageIdOf(value))}: ${describeRecordError(checked.error)}`);
  }
  // The object as read, not zod's copy: analysis and export see the record's own key order.
  const record = value as ImageRecord;
  const imagesDir = opts.imagesDir;
  const analysis = analyzeWithinLimits(
    record,
    imagesDir === undefined ? {} : { imageExists: probeOf(imagesDir) },
    recordLabel(opts.file, input.index, record.image_id),
  );
  return toImportedImage(record, input.text, input.index, analysis);
}

/**
 * `analyzeRecord` within one record's RLE work budget. The mask reader turns codec refusals into
 * flagged masks; one that still escapes (a budget spent outside a mask) becomes a one-line error
 * naming the record instead of a stack trace.
 */
export function analyzeWithinLimits(record: ImageRecord, env: AnalyzeEnv, label: string): RecordAnalysis {
  try {
    return withRleBudget(() => analyzeRecord(record, env));
  } catch (error) {
    if (error instanceof RleError) throw new UserError(`${label}: ${error.message}`);
    throw error;
  }
}
