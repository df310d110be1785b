import { existsSync } from "node:fs";
import { UserError } from "../errors";
import type { ReviewStore } from "./store";
import { SqliteStore } from "./sqlite/sqliteStore";
import type { SqliteStoreOptions } from "./sqlite/sqliteStore";
import { clientConfig, isPostgresUrl, redact } from "./pg/connection";
import { PgStore } from "./pg/pgStore";

export { isPostgresUrl } from "./pg/connection";

/** The environment variable naming the database when a command gets no `--db`. */
export const DATABASE_URL_ENV = "MMR_DATABASE_URL";

export interface OpenStoreOptions extends SqliteStoreOptions {
  /**
   * Refuse a SQLite file that does not exist yet (reading commands: stats, export, …) instead of
   * creating it; the text is appended to the one-line error. A PostgreSQL database is never
   * created here: a missing one is always an error.
   */
  mustExist?: string | true;
  /** Connections in the PostgreSQL pool (default 10). */
  poolMax?: number;
}

/**
 * What `--db` names: the option when given, else MMR_DATABASE_URL when set (non-empty), else
 * `fallback` (serve's default file). Null when there is none, for commands that require one.
 */
export function databaseTarget(option: string | undefined, fallback?: string): string | null {
  if (option !== undefined && option !== "") return option;
  const env = process.env[DATABASE_URL_ENV];
  if (env !== undefined && env.trim() !== "") return env.trim();
  return fallback ?? null;
}

/** `databaseTarget`, or the one-line error of a command that needs a database. */
export function requireDatabaseTarget(option: string | undefined): string {
  const target = databaseTarget(option);
  if (target === null) throw new UserError(`--db is required: a SQLite file or a postgres:// URL (or set ${DATABASE_URL_ENV})`);
  return target;
}

/**
 * Opens (creating and migrating if needed) the review database named by `db`: a `postgres://` or
 * `postgresql://` URL opens the PostgreSQL store (the database must exist), anything else is a
 * SQLite file (`:memory:` for a throwaway one). Every failure a user can cause (bad URL, server
 * down, missing database, newer schema, not a database) is a one-line UserError (exit 2).
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<ReviewStore> {
  if (isPostgresUrl(db)) return openPostgres(db, options);
  if (options.mustExist !== undefined && db !== ":memory:" && !existsSync(db)) {
    const hint = options.mustExist === true ? "" : ` ${options.mustExist}`;
    throw new UserError(`--db ${db}: no such database${hint}`);
  }
  const { mustExist: _mustExist, poolMax: _poolMax, ...sqliteOptions } = options;
  return new SqliteStore(db, sqliteOptions);
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<ReviewStore> {
  try {
    clientConfig(url);
  } catch {
    throw new UserError(`--db ${redact(url)}: not a valid postgres:// URL (postgres://user@host:port/name)`);
  }
  let store: PgStore;
  try {
    store = await PgStore.open(url, options.poolMax !== undefined ? { max: options.poolMax } : {});
  } catch (error) {
    if (error instanceof UserError) throw error;
    // Anything else on connect (unknown host, timeout, permission): still one line, never a stack.
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`--db ${redact(url)}: cannot open the PostgreSQL database (${message.split("\n")[0]})`);
  }
  // PgStore raises typed storage errors itself (a lost connection is BusyError: HTTP 503).
  return store;
}
