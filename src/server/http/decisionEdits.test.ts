import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../storage/pg/testDb";
import { tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { pgBackend, sqliteBackend, teamServer, type TeamServer, type TestBackend } from "./testBackends";

/*
 * A decision with edits is checked against the pair's record on both stores (the store reads the
 * record only for such a decision: one as imported reuses the import's checks). Pair val:1000:0 of
 * fixtureRecords: "You could sit on {seg}." with one target, the chair (annotation 0 of 4).
 */

let db: TestDatabase | null = null;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.drop();
});

const PAIR = `/api/pairs/${encodeURIComponent("val:1000:0")}/decision`;

describe.each([
  ["SQLite", (dir: TempDir) => sqliteBackend(dir)],
  ["PostgreSQL", (dir: TempDir) => pgBackend(dir, db!.url)],
] as const)("decisions with edits on %s", (_name, open) => {
  let dir: TempDir;
  let backend: TestBackend;
  let server: TeamServer;

  beforeEach(async () => {
    dir = tempDir("mmr-decision-edits-");
    backend = await open(dir);
    server = await teamServer(backend, [["lea", "lead"]]);
    server.as("lea", "lead");
  }, 60_000);
  afterEach(async () => {
    await server.close();
    await backend.cleanup();
    dir.remove();
  });

  it("refuses a target the record does not have, and an accept the loader would drop; saves a reject with the re-checked flags", async () => {
    const missing = await server.call("PUT", PAIR, { status: "rejected", reasons: ["wrong_target"], reviewer: "lea", baseVersion: 0, edits: { targets: [0, 9] } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("invalid_edits");

    // two placeholders, one target: the loader drops the pair (seg_count)
    const edits = { textAnswer: "You could sit on {seg} or {seg}." };
    const accept = await server.call("PUT", PAIR, { status: "accepted", reviewer: "lea", baseVersion: 0, edits });
    expect(accept.status).toBe(400);
    expect(accept.json.error.message).toMatch(/^cannot accept: seg_count/);

    const reject = await server.call("PUT", PAIR, { status: "rejected", reasons: ["wrong_target"], reviewer: "lea", baseVersion: 0, edits });
    expect(reject.status).toBe(200);
    expect(reject.json.flags).toContain("seg_count");
    expect(reject.json.decision).toMatchObject({ status: "rejected", version: 1, edits });

    // as imported again: the import's checks, no seg_count
    const asImported = await server.call("PUT", PAIR, { status: "accepted", reviewer: "lea", baseVersion: 1 });
    expect(asImported.status).toBe(200);
    expect(asImported.json.flags).not.toContain("seg_count");
    expect(asImported.json.decision).toMatchObject({ status: "accepted", version: 2, edits: null });
  });
});
