import Database from "better-sqlite3";
import { migrate } from "./migrations";

/*
 * Opens a connection with the settings the store relies on: WAL so readers never wait for the
 * writer, synchronous=FULL so an acknowledged decision survives power loss and kill -9, and a
 * busy timeout so a second process (a CLI import next to a server) waits instead of failing.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma("busy_timeout = 5000");
    if (options.readonly) return db;
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = OFF");
    // A larger page cache keeps a big import's index pages in memory instead of spilling to the WAL.
    db.pragma("cache_size = -65536");
    db.pragma("temp_store = MEMORY");
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
