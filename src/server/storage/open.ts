import type { ReviewStore } from "./store";
import { SqliteStore } from "./sqlite/sqliteStore";
import type { SqliteStoreOptions } from "./sqlite/sqliteStore";

/**
 * Opens (creating and migrating if needed) the review database; `:memory:` for a throwaway one.
 * Async like the store itself, so a networked database can connect and migrate here.
 */
export async function openStore(dbFile: string, options: SqliteStoreOptions = {}): Promise<ReviewStore> {
  return new SqliteStore(dbFile, options);
}
