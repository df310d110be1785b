import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Status } from "../../../shared/domain";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import type { SaveDecisionRequest } from "../store";
import { PgStore } from "./pgStore";
import { createTestDatabase, type TestDatabase } from "./testDb";
import { analyseRecords } from "./testImport";

/*
 * The export preview's split summary under concurrent writers: two stores (as two server
 * processes) decide different pairs of the same image at the same moment, round after round. An
 * image is kept by the default export while one of its pairs is accepted, so each round's expected
 * count follows from the statuses by hand; a summary move that read the other pair's status before
 * the other transaction committed would count the image twice or not at all.
 */

let db: TestDatabase;
let dir: TempDir;
let a: PgStore;
let b: PgStore;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir();
  a = await PgStore.open(db.url);
  b = await PgStore.open(db.url);
  const { source, images } = await analyseRecords(dir, "val", fixtureRecords(2));
  const job = await a.beginImport(source);
  for (const image of images) await job.addImage(image);
  await job.commit();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
  dir?.remove();
});

describe("split summary with concurrent decisions on one image", () => {
  it("keeps the kept-image count and bytes exact, round after round", async () => {
    const versions = new Map<string, number>();
    const decide = async (store: PgStore, id: string, status: Status) => {
      const request: SaveDecisionRequest = {
        id,
        input: { status, reviewer: "ann", baseVersion: versions.get(id) ?? 0 },
        flags: [],
        granularity: id.endsWith(":1") ? "mixed" : "object",
        now: "2026-01-01T00:00:00.000Z",
      };
      const result = await store.saveDecision(request);
      if (result.kind !== "saved") throw new Error(`not saved: ${result.kind}`);
      versions.set(id, result.decision.version);
    };
    const bytes = Buffer.byteLength(JSON.stringify(fixtureRecords(1, 0)[0]), "utf8");
    const rounds: [Status, Status][] = [
      ["accepted", "accepted"],
      ["rejected", "rejected"],
      ["accepted", "rejected"],
      ["rejected", "accepted"],
      ["pending", "rejected"],
      ["accepted", "accepted"],
      ["rejected", "pending"],
      ["rejected", "rejected"],
    ];
    for (let round = 0; round < 5; round++) {
      for (const [s0, s1] of rounds) {
        await Promise.all([decide(a, "val:1000:0", s0), decide(b, "val:1000:1", s1)]);
        // Pair 2 of image 1000 stays pending; image 1001 stays all pending.
        const accepted = await a.insights().exportPreview("val", false);
        const keptImages = s0 === "accepted" || s1 === "accepted" ? 1 : 0;
        expect(accepted.images).toEqual({ kept: keptImages, dropped: 2 - keptImages });
        expect(accepted.estimatedBytes).toBe(keptImages * bytes);
        const open = await b.insights().exportPreview("val", true);
        expect(open.images).toEqual({ kept: 2, dropped: 0 });
      }
    }
    // Both pending-keeping pairs of image 1000 rejected with pair 2: the image leaves the pending export.
    await Promise.all([decide(a, "val:1000:0", "rejected"), decide(b, "val:1000:1", "rejected"), decide(a, "val:1000:2", "rejected")]);
    expect((await a.insights().exportPreview("val", true)).images).toEqual({ kept: 1, dropped: 1 });
  });
});
