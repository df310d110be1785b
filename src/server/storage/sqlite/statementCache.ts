import type Database from "better-sqlite3";

/*
 * Filters combine into many SQL shapes; preparing each shape once and reusing it keeps list
 * queries from paying SQLite's parse and plan cost on every request.
 */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}
