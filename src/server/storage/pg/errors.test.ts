import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import { BusyError, ConflictError, StorageError } from "../errors";
import type { SaveDecisionRequest } from "../store";
import { clientConfig } from "./connection";
import { toStorageError, typedFacade } from "./errors";
import { PgStore } from "./pgStore";
import { createTestDatabase, emptyTables, type TestDatabase } from "./testDb";

/*
 * What leaves the PostgreSQL store when the database fails: node-postgres' real errors (a server
 * that is not there, a connection the server ended, a broken uniqueness rule) become the typed
 * errors callers handle, each with one line of message; and two servers on one database exclude
 * each other's imports and decision writes with BusyError, as one SQLite process does.
 */

let db: TestDatabase;
let dir: TempDir;
let admin: pg.Client;

const accept = (id: string, baseVersion = 0): SaveDecisionRequest => ({
  id,
  input: { status: "accepted", reviewer: "ann", baseVersion },
  flags: [],
  granularity: "object",
  now: "2026-01-01T00:00:00.000Z",
});

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => null,
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client(clientConfig(db.url));
  await admin.connect();
  // migrates the database
  await (await PgStore.open(db.url, { max: 1 })).close();
});
afterAll(async () => {
  await admin?.end();
  await db?.drop();
});
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  dir.remove();
  await emptyTables(db.url);
});

describe("toStorageError on node-postgres' own errors", () => {
  it("makes a refused connection BusyError, in one line", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: 1, user: "nobody", database: "nothing", connectionTimeoutMillis: 2000 });
    const error = toStorageError(await caught(() => client.connect()));
    expect(error).toBeInstanceOf(BusyError);
    expect((error as Error).message).toBe("the database is unreachable (ECONNREFUSED); try again when it is back");
  });

  it("makes a missing socket (cluster stopped) BusyError", async () => {
    const client = new pg.Client({ host: dir.path, user: "nobody", database: "nothing" });
    expect(toStorageError(await caught(() => client.connect()))).toBeInstanceOf(BusyError);
  });

  it("makes a connection the server terminated (57P01) BusyError, and the next call works again", async () => {
    const client = new pg.Client(clientConfig(db.url));
    await client.connect();
    client.on("error", () => undefined);
    const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const running = caught(() => client.query("SELECT pg_sleep(5)"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    const error = toStorageError(await running);
    expect(error).toBeInstanceOf(BusyError);
    expect((error as Error).message).not.toMatch(/\n/);
    // and a query on the dead client: "Client has encountered a connection error and is not queryable"
    expect(toStorageError(await caught(() => client.query("SELECT 1")))).toBeInstanceOf(BusyError);
    await client.end().catch(() => undefined);
  });

  it("maps shutdown, cannot-connect-now and connection-exception states; a duplicate key to ConflictError", async () => {
    const state = (code: string) => Object.assign(new pg.DatabaseError(`state ${code}`, 10, "error"), { code });
    for (const code of ["57P01", "57P02", "57P03", "08006", "08001", "53300"]) expect(toStorageError(state(code)), code).toBeInstanceOf(BusyError);
    await admin.query("CREATE TEMP TABLE t (k int PRIMARY KEY)");
    await admin.query("INSERT INTO t VALUES (1)");
    const duplicate = toStorageError(await caught(() => admin.query("INSERT INTO t VALUES (1)")));
    expect(duplicate).toBeInstanceOf(ConflictError);
    const syntax = toStorageError(await caught(() => admin.query("SELEC 1")));
    expect(syntax).toBeInstanceOf(StorageError);
    expect(syntax).not.toBeInstanceOf(BusyError);
    expect((syntax as Error).message).toMatch(/syntax error.*\(42601\)$/);
    expect(toStorageError(new Error("Connection terminated unexpectedly"))).toBeInstanceOf(BusyError);
    // not a database failure: passed on as it is
    const ours = new TypeError("a defect");
    expect(toStorageError(ours)).toBe(ours);
  });

  it("types the failures of a facade's methods and of the handles they resolve to", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const inner = {
      handle: () => Promise.resolve({ commit: () => Promise.reject(refused) }),
      fails: () => Promise.reject(refused),
      value: () => Promise.resolve([1, 2]),
    };
    const facade = typedFacade(inner);
    await expect(facade.fails()).rejects.toBeInstanceOf(BusyError);
    expect(await facade.value()).toEqual([1, 2]);
    await expect((await facade.handle()).commit()).rejects.toBeInstanceOf(BusyError);
  });
});

describe("PgStore when the database fails", () => {
  it("fails a stream whose connection the server ended with BusyError, and serves the next request", async () => {
    const store = await PgStore.open(db.url, { max: 3 });
    try {
      // 300 records: more than one page, so the stream queries again after the first records
      await importRecords(store, dir, "big", fixtureRecords(300));
      const error = await caught(async () => {
        let n = 0;
        for await (const _ of store.exportRecords("big")) {
          if (n++ === 0) await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [db.name]);
        }
      });
      expect(error).toBeInstanceOf(BusyError);
      expect(error).not.toBeInstanceOf(pg.DatabaseError);
      // the pool drops the dead connections and opens new ones
      expect((await store.listSplits()).map((s) => s.name)).toEqual(["big"]);
      expect((await store.saveDecision(accept("big:1000:0"))).kind).toBe("saved");
    } finally {
      await store.close();
    }
  });

  it("fails a write whose connection the server ended with BusyError, writes nothing, and serves the next one", async () => {
    const store = await PgStore.open(db.url, { max: 2 });
    try {
      await importRecords(store, dir, "val", fixtureRecords(2));
      // a decision write waiting on a row another connection holds, when the server ends it
      await admin.query("BEGIN");
      await admin.query("SELECT 1 FROM pairs WHERE id = 'val:1000:0' FOR UPDATE");
      const waiting = caught(() => store.saveDecision(accept("val:1000:0")));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const other = new pg.Client(clientConfig(db.url));
      await other.connect();
      await other.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND pid <> $2", [db.name, (admin as unknown as { processID: number }).processID]);
      await other.end();
      await admin.query("ROLLBACK");
      expect(await waiting).toBeInstanceOf(BusyError);
      expect(await store.history("val:1000:0")).toEqual([]);
      expect((await store.saveDecision(accept("val:1000:0"))).kind).toBe("saved");
    } finally {
      await store.close();
    }
  });
});

describe("two servers on one database", () => {
  it("refuses another server's import and decision writes while an import runs (BusyError), and takes them after", async () => {
    const one = await PgStore.open(db.url, { max: 2 });
    const two = await PgStore.open(db.url, { max: 2 });
    try {
      await importRecords(one, dir, "val", fixtureRecords(2));
      const job = await one.beginImport({ name: "other", sourceFile: "o.json", sourceHash: "o", importedAt: "2026-01-01T00:00:00.000Z" });
      const busyImport = await caught(() => two.beginImport({ name: "third", sourceFile: "t.json", sourceHash: "t", importedAt: "2026-01-01T00:00:00.000Z" }));
      expect(busyImport).toBeInstanceOf(BusyError);
      const busyWrite = await caught(() => two.saveDecision(accept("val:1000:0")));
      expect(busyWrite).toBeInstanceOf(BusyError);
      expect((busyWrite as Error).message).toBe("an import is in progress on this database; try again when it has finished");
      await expect(two.saveDecisions([accept("val:1000:1")])).rejects.toBeInstanceOf(BusyError);
      // reads go on, from the last committed state
      expect((await two.listPairs({ split: "val" })).total).toBe(7);
      await job.abort();
      expect((await two.saveDecision(accept("val:1000:0"))).kind).toBe("saved");
      const next = await two.beginImport({ name: "third", sourceFile: "t.json", sourceHash: "t", importedAt: "2026-01-01T00:00:00.000Z" });
      await next.abort();
    } finally {
      await one.close();
      await two.close();
    }
  });
});
