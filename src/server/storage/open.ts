import type { ReviewStore } from "./store";
import { SqliteStore } from "./sqlite/sqliteStore";
import type { SqliteStoreOptions } from "./sqlite/sqliteStore";

/** Opens (creating and migrating if needed) the review database; `:memory:` for a throwaway one. */
export function openStore(dbFile: string, options: SqliteStoreOptions = {}): ReviewStore {
  return new SqliteStore(dbFile, options);
}
