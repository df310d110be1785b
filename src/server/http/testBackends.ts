import { join } from "node:path";
import pg from "pg";
import { createInProcessBus, type EventBus } from "../events/bus";
import { createPgBus } from "../events/pgBus";
import { importSplit } from "../import/importSplit";
import { clientConfig } from "../storage/pg/connection";
import { PgStore } from "../storage/pg/pgStore";
import { analyseRecords } from "../storage/pg/testImport";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { fixtureRecords, splitText, type TempDir } from "../test-fixtures/splitFiles";

/*
 * For HTTP tests that run on both stores: a store holding split "val" (fixtureRecords(5)) and the
 * bus a server of that store uses (in-process for SQLite, LISTEN/NOTIFY for PostgreSQL).
 */

export interface TestBackend {
  store: ReviewStore;
  bus: EventBus;
  cleanup(): Promise<void>;
}

export async function sqliteBackend(dir: TempDir): Promise<TestBackend> {
  const store = await openStore(join(dir.path, "review.db"));
  await importSplit(store, dir.write("val.json", splitText(fixtureRecords(5))), { workers: 0 });
  return { store, bus: createInProcessBus(), cleanup: () => store.close() };
}

async function emptyTables(url: string): Promise<void> {
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

/** On the (test) database at `url`, emptied first. */
export async function pgBackend(dir: TempDir, url: string): Promise<TestBackend> {
  await emptyTables(url);
  const store = await PgStore.open(url, { max: 4 });
  const { source, images } = await analyseRecords(dir, "val", fixtureRecords(5));
  const job = await store.beginImport(source);
  for (const image of images) await job.addImage(image);
  await job.commit();
  return { store, bus: await createPgBus({ url }), cleanup: () => store.close() };
}
