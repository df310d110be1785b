import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig } from "./connection";
import { migrate, migrations } from "./migrations";
import { createTestDatabase, type TestDatabase } from "./testDb";

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client(clientConfig(db.url));
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe("PostgreSQL migrations", () => {
  it("creates the schema once and records its version; a second run changes nothing", async () => {
    const newest = migrations.at(-1)!.version;
    expect(await migrate(client)).toBe(newest);
    expect(await migrate(client)).toBe(newest);
    const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_version ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(["splits", "images", "annotations", "pairs", "pair_categories", "decisions", "history", "idempotency", "pair_counts", "predictions"]),
    );
  });

  it("searches the current text of a pair through a GIN index on its tsvector", async () => {
    const index = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'pairs_fts'");
    expect(index.rows[0]?.indexdef).toMatch(/USING gin \(tsv\)/);
    await client.query(
      `INSERT INTO pairs (pk, id, split, seq, image_pk, image_id, idx, question, text_answer, orig_targets, imported_flags,
         imported_granularity, content_hash, targets, target_count, granularity, flags, flag_order)
       VALUES (1, 's:1:0', 's', 0, 1, 1, 0, 'Where is the zebra?', 'The zebra [SEG].', '[0]', 0, 'object', 'h', '[0]', 1, 'object', 0, 1)`,
    );
    const find = async (word: string) =>
      (await client.query("SELECT id FROM pairs WHERE tsv @@ plainto_tsquery('simple', $1)", [word])).rows.map((r: { id: string }) => r.id);
    expect(await find("zebra")).toEqual(["s:1:0"]);
    await client.query("UPDATE pairs SET edited_question = 'Where is the giraffe?', edited_answer = 'A giraffe [SEG].' WHERE pk = 1");
    expect(await find("zebra")).toEqual([]);
    expect(await find("giraffe")).toEqual(["s:1:0"]);
    await client.query("DELETE FROM pairs");
  });

  it("refuses a database of a newer mmr-review with one line, changing nothing", async () => {
    await client.query("INSERT INTO schema_version (version) VALUES (99)");
    const newest = migrations.at(-1)!.version;
    await expect(migrate(client)).rejects.toThrow(
      `the database has schema version 99, newer than this program knows (${newest}); upgrade mmr-review`,
    );
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM schema_version WHERE version = 99");
    expect(rows[0]?.n).toBe("1");
  });
});
