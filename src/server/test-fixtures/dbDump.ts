import Database from "better-sqlite3";

/**
 * Every row of every table (full-text shadow tables included) of a database file, as JSON text:
 * two equal dumps mean the same stored state. Read through its own read-only connection.
 */
export function dumpDatabase(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) {
      if (table === "pairs_fts") continue; // the virtual table itself; its shadow tables are dumped
      const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
      dump[table] = rows
        .map((row) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("hex") : typeof v === "bigint" ? String(v) : v)))
        .sort();
    }
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
}
