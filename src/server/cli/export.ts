import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { UserError } from "../errors";
import { exportSplit } from "../export/exportSplit";
import { isPostgresUrl, openStore, requireDatabaseTarget } from "../storage/open";
import type { ExportReport } from "../export/exportChunks";
import { createProgress, formatCount } from "./progress";

interface ExportCliOptions {
  db?: string;
  split: string;
  out: string;
  include?: string;
  log?: string;
  lossless?: boolean;
}

export async function runExport(options: ExportCliOptions): Promise<void> {
  if (options.include !== undefined && options.include !== "pending") {
    throw new UserError(`--include ${options.include}: only "pending" can be included (accepted pairs always are, rejected never)`);
  }
  const db = requireDatabaseTarget(options.db);
  if (!isPostgresUrl(db) && !existsSync(db)) throw new UserError(`--db ${db}: no such database`);
  assertWritableTarget("--out", options.out);
  if (options.log !== undefined) assertWritableTarget("--log", options.log);
  const store = await openStore(db, { mustExist: true });
  const progress = createProgress(`export ${options.split}`);
  try {
    const summary = await exportSplit(store, options.split, {
      out: options.out,
      includePending: options.include === "pending",
      mode: options.lossless ? "lossless" : "loader-safe",
      ...(options.log !== undefined ? { log: options.log } : {}),
      onProgress: (p) =>
        progress.update({
          fraction: p.totalRecords > 0 ? p.records / p.totalRecords : null,
          bytes: p.bytes,
          detail: `${formatCount(p.written)} records · ${formatCount(p.pairs)} pairs`,
        }),
    });
    progress.finish();
    const log = summary.decisions !== undefined ? `; ${formatCount(summary.decisions)} decisions to ${options.log}` : "";
    process.stdout.write(
      `${options.out}: wrote ${formatCount(summary.records)} records, ${formatCount(summary.pairs)} pairs of split ${options.split}${log}\n`,
    );
    for (const line of describeReport(summary.report)) process.stdout.write(`  ${line}\n`);
  } finally {
    progress.finish();
    await store.close();
  }
}

/** One line before any work when an output file cannot be written: a folder, or in a missing or read-only folder. */
function assertWritableTarget(option: string, file: string): void {
  const folder = dirname(resolve(file));
  if (existsSync(file) && statSync(file).isDirectory()) throw new UserError(`${option} ${file}: is a folder; give a file name`);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UserError(`${option} ${file}: the folder ${folder} does not exist`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UserError(`${option} ${file}: the folder ${folder} is not writable`);
  }
}

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("write the cleaned split: accepted pairs (and pending ones with --include pending), edits applied")
    .option("--db <file|url>", "review database: a SQLite file or a postgres:// URL (default: $MMR_DATABASE_URL)")
    .requiredOption("--split <name>", "split to export")
    .requiredOption("--out <file>", "where to write the cleaned MMR file (written atomically)")
    .option("--include <what>", 'also keep "pending" (undecided) pairs')
    .option("--log <file>", "also write the decision log (one JSON line per decided pair)")
    .option("--lossless", "write masks and records as read (default: loader-safe, see README)")
    .action(async (options: ExportCliOptions) => runExport(options));
}

/** The export summary's lines: mode, what was converted, what was left out and why. */
export function describeReport(report: ExportReport): string[] {
  const lines: string[] = [];
  if (report.mode === "lossless") {
    lines.push("lossless: masks and records written as read");
    if (report.loaderBreakingWritten > 0) {
      lines.push(
        `${formatCount(report.loaderBreakingWritten)} written pairs would make the official loader fail (mask_form or a loader-breaking flag); export without --lossless for training`,
      );
    }
    return lines;
  }
  lines.push("loader-safe: every written target is a compressed RLE; pairs that would break the official loader are left out");
  if (report.convertedTargets > 0) {
    lines.push(`converted ${formatCount(report.convertedTargets)} target masks (polygons or uncompressed counts) to compressed RLE in ${formatCount(report.convertedPairs)} pairs`);
  }
  for (const [flag, n] of Object.entries(report.leftOut)) lines.push(`left out ${formatCount(n)} pairs flagged ${flag}`);
  if (report.recordsWithoutPairs > 0) lines.push(`left out ${formatCount(report.recordsWithoutPairs)} records with no pair to write`);
  return lines;
}
