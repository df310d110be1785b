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

  it("upgrades a version 1 database with data: split summary, history status and models' mean IoU filled in", async () => {
    const old = await createTestDatabase();
    const c = new pg.Client(clientConfig(old.url));
    await c.connect();
    try {
      expect(await migrate(c, migrations.filter((m) => m.version === 1))).toBe(1);
      // Split s: image 1 (10-byte record) with an accepted and a pending pair, image 2 (3 bytes,
      // "[1]") with a rejected edited pair; split e has no images.
      await c.query(`INSERT INTO splits (name, source_file, source_hash, imported_at) VALUES ('s', 'f', 'h', 't'), ('e', 'f', 'h', 't')`);
      await c.query(`INSERT INTO images (pk, split, ordinal, image_id, file_name, width, height, file_flags, raw)
                     VALUES (1, 's', 0, 1, 'a.jpg', 4, 4, 0, '{"a":"éé"}'), (2, 's', 1, 2, 'b.jpg', 4, 4, 0, '[1]')`);
      const pair = (pk: number, image: number, status: string, question: string | null) =>
        c.query(
          `INSERT INTO pairs (pk, id, split, seq, image_pk, image_id, idx, question, text_answer, orig_targets, imported_flags,
             imported_granularity, content_hash, targets, target_count, granularity, flags, flag_order, status, edited_question)
           VALUES ($1, $5, 's', $1, $2, $6, $1, 'q', 'a', '[0]', 0, 'object', 'h', '[0]', 1, 'object', 0, 1, $3, $4)`,
          [pk, image, status, question, `s:${image}:${pk}`, image],
        );
      await pair(1, 1, "accepted", null);
      await pair(2, 1, "pending", null);
      await pair(3, 2, "rejected", "edited?");
      await c.query(`INSERT INTO history (pair_id, version, reviewer, at, before, after) VALUES ('s:1:1', 1, 'ann', 't', NULL, '{"status":"accepted"}')`);
      await c.query(`INSERT INTO prediction_models (pk, split, name, source_file, imported_at, pairs) VALUES (1, 's', 'm', 'f', 't', 3), (2, 's', 'n', 'f', 't', 1)`);
      await c.query(`INSERT INTO predictions (model_pk, pair_id, h, w, masks, target_ious, iou, sort_iou)
                     VALUES (1, 's:1:1', 4, 4, '[]', '[]', 0.25, 0.25), (1, 's:1:2', 4, 4, '[]', '[]', 0.75, 0.75), (1, 's:2:3', 4, 4, '[]', '[]', NULL, 2),
                            (2, 's:1:1', 4, 4, '[]', '[]', NULL, 2)`);

      expect(await migrate(c)).toBe(migrations.at(-1)!.version);
      const summary = await c.query(
        "SELECT split, images, accepted_images, accepted_bytes::int, open_images, open_bytes::int, edited_pending, edited_accepted, edited_rejected FROM split_summary ORDER BY split",
      );
      expect(summary.rows).toEqual([
        { split: "e", images: 0, accepted_images: 0, accepted_bytes: 0, open_images: 0, open_bytes: 0, edited_pending: 0, edited_accepted: 0, edited_rejected: 0 },
        // '{"a":"éé"}' is 12 bytes of UTF-8 (each é two)
        { split: "s", images: 2, accepted_images: 1, accepted_bytes: 12, open_images: 1, open_bytes: 12, edited_pending: 0, edited_accepted: 0, edited_rejected: 1 },
      ]);
      expect((await c.query("SELECT status FROM history")).rows).toEqual([{ status: "accepted" }]);
      expect((await c.query("SELECT name, mean_iou FROM prediction_models ORDER BY name")).rows).toEqual([
        { name: "m", mean_iou: 0.5 },
        { name: "n", mean_iou: null },
      ]);
    } finally {
      await c.end();
      await old.drop();
    }
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
