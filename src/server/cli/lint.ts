import { statSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { checkMisaligned } from "../../shared/checks";
import { acceptBlockers, flagIds, pairId } from "../../shared/domain";
import type { FlagId } from "../../shared/domain";
import { describeRecordError, imageRecordSchema } from "../../shared/mmr";
import { OVER_THREE_PAIRS_NOTE } from "../../shared/loaderNotes";
import type { ImageRecord } from "../../shared/mmr";
import { UserError } from "../errors";
import { imageFileProbe } from "../http/safePath";
import { analyzeWithinLimits, duplicateImageIdMessage, recordLabel } from "../import/analyzeText";
import { checkStringSizes, parseRecordText, readRecords } from "../io/records";

export interface LintOptions {
  images?: string;
  json?: boolean;
}

export interface LintReport {
  pairs: { id: string; flags: FlagId[] }[];
  summary: {
    images: number;
    pairs: number;
    flagged: number;
    byFlag: Record<FlagId, number>;
    /** Pairs with a loader-breaking flag: they cannot be accepted, and loader-safe export leaves them out. */
    loaderBreaking: number;
    /** Records whose questions, answers, text_answers and raw_answers differ in length. */
    misalignedRecords: number;
    /** Records with no questions: both official loaders raise on them. */
    recordsWithoutQuestions: number;
    /** Records with more than three pairs (see `OVER_THREE_PAIRS_NOTE`). */
    recordsOverThreePairs: number;
  };
  /** Problems of the file itself (a byte order mark), one line each. */
  warnings: string[];
}


export const BOM_WARNING = "the file starts with a UTF-8 byte order mark: Python's json.load fails on it (mmr-review reads it, and never writes one)";

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("run the automatic checks over a split without a database; exits 1 when any pair is flagged")
    .argument("<file>", "an MMR split (JSON array of image records)")
    .option("--images <dir>", "images folder, to check that every image exists")
    .option("--json", "print one JSON object with every pair and its flags")
    .action(async (file: string, opts: LintOptions) => {
      const report = await lintSplit(file, opts);
      process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatReport(report));
      const { flagged, recordsWithoutQuestions } = report.summary;
      if (flagged > 0 || recordsWithoutQuestions > 0 || report.warnings.length > 0) process.exitCode = 1;
    });
}

/** `MMR_val.json` → `MMR_val`. */
export function splitNameOf(file: string): string {
  return basename(file).replace(/\.json$/i, "");
}

/** Streams the split record by record and runs every check; throws a UserError on bad input. */
export async function lintSplit(file: string, opts: LintOptions = {}): Promise<LintReport> {
  const split = splitNameOf(file);
  const imageExists = opts.images ? imageProbe(opts.images) : undefined;
  const byFlag = Object.fromEntries(flagIds.map((id) => [id, 0])) as Record<FlagId, number>;
  const pairs: LintReport["pairs"] = [];
  const warnings: string[] = [];
  const firstIndexOf = new Map<number, number>();
  let images = 0;
  let flagged = 0;
  let loaderBreaking = 0;
  let misalignedRecords = 0;
  let recordsWithoutQuestions = 0;
  let recordsOverThreePairs = 0;

  assertReadable(file);
  for await (const { index, text, byteOffset } of readRecords(file, { onByteOrderMark: () => warnings.push(BOM_WARNING) })) {
    const value = parseRecordText(text, file, index, byteOffset);
    checkStringSizes(value, recordLabel(file, index, null));
    const record = validRecord(value, file, index);
    // The same verdict and line as import, which refuses the file.
    const first = firstIndexOf.get(record.image_id);
    if (first !== undefined) throw new UserError(duplicateImageIdMessage(file, index, record.image_id, first), 2);
    firstIndexOf.set(record.image_id, index);
    const analysis = analyzeWithinLimits(record, { imageExists }, recordLabel(file, index, record.image_id));
    images++;
    if (checkMisaligned(record)) misalignedRecords++;
    if (record.questions.length === 0) recordsWithoutQuestions++;
    if (record.questions.length > 3) recordsOverThreePairs++;
    for (const pair of analysis.pairs) {
      pairs.push({ id: pairId(split, record.image_id, pair.index), flags: pair.flags });
      if (pair.flags.length > 0) flagged++;
      if (acceptBlockers(pair.flags).length > 0) loaderBreaking++;
      for (const flag of pair.flags) byFlag[flag]++;
    }
  }
  return {
    pairs,
    summary: { images, pairs: pairs.length, flagged, byFlag, loaderBreaking, misalignedRecords, recordsWithoutQuestions, recordsOverThreePairs },
    warnings,
  };
}

function assertReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UserError(`${file}: no such file`);
  }
  if (!isFile) throw new UserError(`${file}: not a file`);
}

function imageProbe(dir: string): (fileName: string) => boolean {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UserError(`--images ${dir}: no such folder`);
  // The resolver the import and the image route use: realpath containment, regular files only.
  return imageFileProbe(dir);
}

function validRecord(value: unknown, file: string, index: number): ImageRecord {
  const result = imageRecordSchema.safeParse(value);
  if (result.success) return value as ImageRecord;
  const imageId =
    value !== null && typeof value === "object" && typeof (value as { image_id?: unknown }).image_id === "number"
      ? ` (image_id ${(value as { image_id: number }).image_id})`
      : "";
  throw new UserError(`${file}: record ${index}${imageId}: ${describeRecordError(result.error)}`, 2);
}

/** A table of the flagged pairs, then the totals: what a person scanning a terminal needs. */
export function formatReport(report: LintReport): string {
  const flaggedPairs = report.pairs.filter((p) => p.flags.length > 0);
  const lines: string[] = [];
  if (flaggedPairs.length > 0) {
    const width = Math.max(4, ...flaggedPairs.map((p) => p.id.length));
    lines.push(`${"pair".padEnd(width)}  flags`);
    for (const p of flaggedPairs) lines.push(`${p.id.padEnd(width)}  ${p.flags.join(", ")}`);
    lines.push("");
  }
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  const { images, pairs, flagged, byFlag } = report.summary;
  lines.push(`${images} image${images === 1 ? "" : "s"}, ${pairs} pair${pairs === 1 ? "" : "s"}, ${flagged} flagged`);
  const counted = flagIds.filter((id) => byFlag[id] > 0);
  const width = Math.max(0, ...counted.map((id) => id.length));
  for (const id of counted) lines.push(`  ${id.padEnd(width)}  ${byFlag[id]}`);
  const s = report.summary;
  lines.push(`${s.loaderBreaking} pair${s.loaderBreaking === 1 ? "" : "s"} would break the official MMR loader (cannot be accepted until edited)`);
  if (byFlag.mask_form > 0) lines.push(`${byFlag.mask_form} pair${byFlag.mask_form === 1 ? " has" : "s have"} polygon or uncompressed target masks (mask_form): the default export converts them`);
  if (s.misalignedRecords > 0) lines.push(`${s.misalignedRecords} record${s.misalignedRecords === 1 ? " has" : "s have"} questions, answers, text_answers and raw_answers of different lengths`);
  if (s.recordsWithoutQuestions > 0) lines.push(`${s.recordsWithoutQuestions} record${s.recordsWithoutQuestions === 1 ? " has" : "s have"} no questions: both official loaders raise on it (the default export leaves such records out)`);
  if (s.recordsOverThreePairs > 0) lines.push(`${s.recordsOverThreePairs} record${s.recordsOverThreePairs === 1 ? " has" : "s have"} more than 3 pairs: ${OVER_THREE_PAIRS_NOTE}`);
  return `${lines.join("\n")}\n`;
}
