import { existsSync } from "node:fs";
import type { Command } from "commander";
import { UserError } from "../errors";
import { isPostgresUrl, redact } from "../storage/pg/connection";
import { migrateSqliteToPostgres, type MigrationReport } from "../storage/pg/fromSqlite";
import { PgStore } from "../storage/pg/pgStore";
import { migratePostgresToSqlite } from "../storage/pg/toSqlite";

/*
 * `mmr-review migrate --from review.db --to postgres://…` moves a solo review to a team server;
 * `mmr-review migrate --from postgres://… --to review.db` moves it back. Either way one
 * transaction, verified by the row count of every table and checksums of every decision and
 * history entry; the target must be empty (a SQLite file may also not exist yet).
 */
/** PgStore.open, its one-line errors naming the option the URL came in (`--from`, `--to`). */
async function openPg(url: string, option: "--from" | "--to"): Promise<PgStore> {
  try {
    return await PgStore.open(url);
  } catch (error) {
    if (error instanceof UserError && error.message.startsWith("--db ")) throw new UserError(`${option} ${error.message.slice(5)}`, error.exitCode);
    throw error;
  }
}

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description(
      "copy a review database between SQLite and PostgreSQL (either way) into an empty target, verified by row counts and checksums of every decision and history entry",
    )
    .requiredOption("--from <db>", "the source: a SQLite review database, or postgres://user@host:port/name")
    .requiredOption("--to <db>", "the target: postgres://… of an empty database, or a SQLite file that is new or empty")
    .action(async (options: { from: string; to: string }) => {
      const fromPg = isPostgresUrl(options.from);
      const toPg = isPostgresUrl(options.to);
      if (fromPg === toPg) {
        throw new UserError(
          `--from ${redact(options.from)} --to ${redact(options.to)}: one must be a SQLite file and the other a postgres:// URL`,
        );
      }
      let report: MigrationReport;
      if (toPg) {
        if (!existsSync(options.from)) throw new UserError(`--from ${options.from}: no such file`);
        const target = await openPg(options.to, "--to");
        try {
          report = await migrateSqliteToPostgres(options.from, target.pool);
        } finally {
          await target.close();
        }
      } else {
        const source = await openPg(options.from, "--from");
        try {
          report = await migratePostgresToSqlite(source.pool, options.to);
        } finally {
          await source.close();
        }
      }
      const c = report.counts;
      process.stdout.write(
        `migrated ${redact(options.from)} → ${redact(options.to)}: ${c.splits} splits, ${c.images} images, ${c.pairs} pairs, ` +
          `${c.decisions} decisions, ${c.history} history entries; checksums match (decisions ${report.decisionChecksum.slice(0, 16)}, ` +
          `history ${report.historyChecksum.slice(0, 16)})\n`,
      );
    });
}
