import { existsSync } from "node:fs";
import type { Command } from "commander";
import { UserError } from "../errors";
import { isPostgresUrl, redact } from "../storage/pg/connection";
import { migrateSqliteToPostgres } from "../storage/pg/fromSqlite";
import { PgStore } from "../storage/pg/pgStore";

/*
 * `mmr-review migrate --from review.db --to postgres://…`: moves a solo review to a team server.
 * Only SQLite → PostgreSQL so far (the way back is not implemented yet).
 */
export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("copy a SQLite review database into an empty PostgreSQL database, verified by counts and a checksum of every decision")
    .requiredOption("--from <review.db>", "the SQLite review database")
    .requiredOption("--to <postgres-url>", "postgres://user@host:port/name of an empty (or new) mmr-review database")
    .action(async (options: { from: string; to: string }) => {
      if (!existsSync(options.from)) throw new UserError(`--from ${options.from}: no such file`);
      if (!isPostgresUrl(options.to)) {
        throw new UserError(`--to ${options.to}: not a postgres:// URL (PostgreSQL → SQLite is not supported yet)`);
      }
      const target = await PgStore.open(options.to);
      try {
        const report = await migrateSqliteToPostgres(options.from, target.pool);
        const c = report.counts;
        process.stdout.write(
          `migrated ${options.from} → ${redact(options.to)}: ${c.splits} splits, ${c.images} images, ${c.pairs} pairs, ` +
            `${c.decisions} decisions, ${c.history} history entries; decision checksum ${report.decisionChecksum.slice(0, 16)} matches\n`,
        );
      } finally {
        await target.close();
      }
    });
}
