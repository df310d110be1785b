import { statSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { flagIds, pairId } from "../../shared/domain";
import type { FlagId } from "../../shared/domain";
import { describeRecordError, imageRecordSchema } from "../../shared/mmr";
import type { ImageRecord } from "../../shared/mmr";
import { UserError } from "../errors";
import { imageFileProbe } from "../http/safePath";
import { analyzeWithinLimits, recordLabel } from "../import/analyzeText";
import { checkStringSizes, parseRecordText, readRecords } from "../io/records";

export interface LintOptions {
  images?: string;
  json?: boolean;
}

export interface LintReport {
  pairs: { id: string; flags: FlagId[] }[];
  summary: { images: number; pairs: number; flagged: number; byFlag: Record<FlagId, number> };
}

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
      if (report.summary.flagged > 0) process.exitCode = 1;
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
  let images = 0;
  let flagged = 0;

  assertReadable(file);
  for await (const { index, text, byteOffset } of readRecords(file)) {
    const value = parseRecordText(text, file, index, byteOffset);
    checkStringSizes(value, recordLabel(file, index, null));
    const record = validRecord(value, file, index);
    const analysis = analyzeWithinLimits(record, { imageExists }, recordLabel(file, index, record.image_id));
    images++;
    for (const pair of analysis.pairs) {
      pairs.push({ id: pairId(split, record.image_id, pair.index), flags: pair.flags });
      if (pair.flags.length > 0) flagged++;
      for (const flag of pair.flags) byFlag[flag]++;
    }
  }
  return { pairs, summary: { images, pairs: pairs.length, flagged, byFlag } };
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
  const { images, pairs, flagged, byFlag } = report.summary;
  lines.push(`${images} image${images === 1 ? "" : "s"}, ${pairs} pair${pairs === 1 ? "" : "s"}, ${flagged} flagged`);
  const counted = flagIds.filter((id) => byFlag[id] > 0);
  const width = Math.max(0, ...counted.map((id) => id.length));
  for (const id of counted) lines.push(`  ${id.padEnd(width)}  ${byFlag[id]}`);
  return `${lines.join("\n")}\n`;
}
