import { userInfo } from "node:os";
import type pg from "pg";

/** Whether `--db` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Client settings for a `postgres://user@host:port/name` URL. A URL without a user (for example
 * `postgresql:///mmr?host=/var/run/postgresql`, the local socket) connects as PGUSER or the
 * current OS user, as psql does; node-postgres would otherwise send an empty user name.
 */
export function clientConfig(url: string): pg.ClientConfig {
  let user: string | undefined;
  try {
    user = decodeURIComponent(new URL(url).username);
  } catch (error) {
    throw new Error(`--db ${redact(url)}: not a valid postgres:// URL`, { cause: error });
  }
  if (user) return { connectionString: url };
  // node-postgres lets the URL's (empty) user override a `user` setting, so write it into the URL.
  const name = encodeURIComponent(process.env.PGUSER ?? userInfo().username);
  return { connectionString: url.replace(/^(postgres(?:ql)?:\/\/)/i, `$1${name}@`) };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, "$1:***@");
}
