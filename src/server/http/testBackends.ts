import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe } from "vitest";
import { createInProcessBus, type EventBus } from "../events/bus";
import { createPgBus } from "../events/pgBus";
import { importSplit } from "../import/importSplit";
import { PgStore } from "../storage/pg/pgStore";
import { createTestDatabase, emptyTables, type TestDatabase } from "../storage/pg/testDb";
import { analyseRecords } from "../storage/pg/testImport";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import type { Role } from "../../shared/roles";
import { createLiveEvents, type LiveEvents } from "../events/liveEvents";
import { exportChunks } from "../export/exportChunks";
import { createApp } from "./app";
import type { Identity } from "./auth/guard";
import { fixtureRecords, splitText, tempDir, type TempDir } from "../test-fixtures/splitFiles";

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in these tests
type Loose = any;

/** A team-mode app on a backend, with live events, its users added, and who asks set by `as`. */
export interface TeamServer {
  app: ReturnType<typeof createApp>;
  events: LiveEvents;
  /** Every later request comes from this signed-in user. */
  as(name: string, role: Role): void;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Loose }>;
  close(): Promise<void>;
}

export async function teamServer(backend: TestBackend, users: readonly (readonly [string, Role])[]): Promise<TeamServer> {
  const { store } = backend;
  let who: Identity = { mode: "team", actor: null };
  const events = createLiveEvents({ bus: backend.bus, splitExists: async (split) => (await store.getSplit(split)) != null });
  const app = createApp({
    store,
    imagesDirs: [],
    clientDir: null,
    streamExport: (split, options) => exportChunks(store, split, options),
    logError: () => {},
    events,
    identify: () => Promise.resolve(who),
  });
  for (const [name, role] of users) await store.accounts().addUser({ name, role, passwordHash: "x", now: "2026-12-02T09:00:00.000Z" });
  return {
    app,
    events,
    as: (name, role) => (who = { mode: "team", actor: { name, role } }),
    async call(method, path, body) {
      const response = await app.request(path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    close: () => events.close(),
  };
}

/**
 * The tests of `body` once per store, SQLite and then PostgreSQL (on a throwaway database made for
 * the file), as `${title} on SQLite` and `${title} on PostgreSQL`. Each test gets a fresh backend
 * and team server with `users`, read through `server()`, and closed after it.
 */
export function describeTeamServer(title: string, users: readonly (readonly [string, Role])[], body: (server: () => TeamServer) => void): void {
  let db: TestDatabase | null = null;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });
  describe.each([
    ["SQLite", (dir: TempDir) => sqliteBackend(dir)],
    ["PostgreSQL", (dir: TempDir) => pgBackend(dir, db!.url)],
  ] as const)(`${title} on %s`, (_name, open) => {
    let dir: TempDir;
    let backend: TestBackend;
    let current: TeamServer;
    beforeEach(async () => {
      dir = tempDir("mmr-team-server-");
      backend = await open(dir);
      current = await teamServer(backend, users);
    }, 60_000);
    afterEach(async () => {
      await current.close();
      await backend.cleanup();
      dir.remove();
    });
    body(() => current);
  });
}
