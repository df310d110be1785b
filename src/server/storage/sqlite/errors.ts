import { BusyError, ConflictError, SchemaTooNewError, StorageError } from "../errors";

/*
 * better-sqlite3's errors (`SqliteError` with a `code` such as SQLITE_BUSY) become the typed errors
 * of ../errors.ts here and nowhere else: above the store nobody knows the driver.
 */

function isDriverError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === "SqliteError" && typeof (error as { code?: unknown }).code === "string";
}

/** The typed storage error for a driver error; any other error unchanged. */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageError || !isDriverError(error)) return error;
  const code = error.code;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return new BusyError(`the database is busy (${error.message}); try again`);
  if (code.startsWith("SQLITE_CONSTRAINT")) return new ConflictError(`the database refused a conflicting row (${error.message})`);
  return new StorageError(`${error.message} (${code})`);
}

/** A migration found a database written by a newer program. */
export function schemaTooNew(current: number, newest: number): SchemaTooNewError {
  return new SchemaTooNewError(`the database has schema version ${current}, newer than this program knows (${newest}); upgrade mmr-review`);
}

/** Runs synchronous store work and hands its value (or its typed error) back as a promise. */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(toStorageError(error));
  }
}
