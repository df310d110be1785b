import { randomBytes } from "node:crypto";
import pg from "pg";
import { clientConfig } from "./connection";

/*
 * Throwaway PostgreSQL databases for tests: one per call, named mmr_test_<pid>_<random>, dropped by
 * `drop()`. The server is MMR_TEST_DATABASE_URL (a URL of any database on it, used to create and
 * drop), else the local Debian cluster through its Unix socket as the current user, which
 * scripts/ensure-postgres.mjs sets up before `npm test` runs the unit tests.
 */

export const DEFAULT_ADMIN_URL = "postgresql:///postgres?host=/var/run/postgresql";

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return process.env.MMR_TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
}

/** `url` with its database replaced by `name` (keeps user, host, port and query such as ?host=). */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(clientConfig(adminUrl()));
  try {
    await client.connect();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach PostgreSQL for tests at ${adminUrl()} (${message}); run: node scripts/ensure-postgres.mjs`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `mmr_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  // The name is ours (digits and hex only), so quoting it as an identifier is enough.
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Whether a database of that name exists on the test server. */
export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

/**
 * Empties every table of the database at `url` but the schema version, identities restarted: a
 * list kept by hand falls behind each migration that adds a table (and leaves its rows behind).
 */
export async function emptyTables(url: string): Promise<void> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'",
    );
    if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY`);
  } finally {
    await client.end();
  }
}
