import { existsSync } from "node:fs";
import type { Command } from "commander";
import { UserError } from "../errors";
import type { ImportOutcome } from "../import/importSplit";
import { isPostgresUrl, openStore, requireDatabaseTarget } from "../storage/open";
import { createPgBus, type PgEventBus } from "../events/pgBus";
import { importWithProgress } from "./importWithProgress";
import { formatCount } from "./progress";

interface ImportCliOptions {
  db?: string;
  split?: string;
  images?: string;
  workers?: string;
}

/** How many changed pair ids to print before summarising the rest. */
const SHOW_CHANGED = 20;

export function describeImport(file: string, result: ImportOutcome): string {
  if (result.skipped) return `${file}: unchanged since the last import of split ${result.split} (${formatCount(result.pairs)} pairs); nothing to do`;
  const lines = [`${file}: imported split ${result.split}: ${formatCount(result.images)} images, ${formatCount(result.pairs)} pairs`];
  if (result.keptDecisions > 0) lines.push(`  kept ${formatCount(result.keptDecisions)} decisions of unchanged pairs`);
  if (result.changedPairs.length > 0) {
    lines.push(`  ${formatCount(result.changedPairs.length)} decided pairs changed; their decisions were reset to pending:`);
    for (const id of result.changedPairs.slice(0, SHOW_CHANGED)) lines.push(`    ${id}`);
    if (result.changedPairs.length > SHOW_CHANGED) lines.push(`    … and ${formatCount(result.changedPairs.length - SHOW_CHANGED)} more`);
  }
  return lines.join("\n");
}

export async function runImport(files: string[], options: ImportCliOptions): Promise<void> {
  if (options.split !== undefined && files.length > 1) {
    throw new UserError("--split names one split; import several files without it (each is named after its file)");
  }
  if (options.images !== undefined && !existsSync(options.images)) throw new UserError(`--images ${options.images}: no such folder`);
  for (const file of files) if (!existsSync(file)) throw new UserError(`${file}: no such file`);
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 16)) {
    throw new UserError(`--workers ${options.workers}: expected a whole number from 0 to 16`);
  }

  const db = requireDatabaseTarget(options.db);
  const store = await openStore(db);
  // On PostgreSQL the servers of the team hear of the import (their queues refresh); publish only.
  let bus: PgEventBus | null = null;
  try {
    if (isPostgresUrl(db)) bus = await createPgBus({ url: db, listen: false });
    for (const file of files) {
      const result = await importWithProgress(store, file, {
        ...(options.split !== undefined ? { split: options.split } : {}),
        ...(options.images !== undefined ? { imagesDir: options.images } : {}),
        ...(workers !== undefined ? { workers } : {}),
      });
      process.stdout.write(`${describeImport(file, result)}\n`);
      if (!result.skipped && bus) {
        await bus.publish({ type: "imported", split: result.split, pairs: result.pairs }).catch((error: unknown) => {
          process.stderr.write(`note: the running servers were not told of the import (${error instanceof Error ? error.message : String(error)}); they see it on reload\n`);
        });
      }
    }
  } finally {
    await bus?.close();
    await store.close();
  }
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("stream MMR splits into the review database (one transaction each; an unchanged file is a no-op)")
    .argument("<files...>", "MMR split files (JSON arrays of image records)")
    .option("--db <file|url>", "review database: a SQLite file (created when missing) or a postgres:// URL (default: $MMR_DATABASE_URL)")
    .option("--split <name>", "split name (default: the file's base name without .json)")
    .option("--images <dir>", "images folder, to flag pairs whose image is missing")
    .option("--workers <n>", "threads analysing records next to the inserts (default: one per core for big files; 0: none)")
    .action(async (files: string[], options: ImportCliOptions) => runImport(files, options));
}
