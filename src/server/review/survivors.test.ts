import { describe, expect, it } from "vitest";
import type { FlagId } from "../../shared/domain";
import { makeRecord, ann } from "../../shared/testRecord";
import { apiErrorSchema } from "../../shared/api";
import type { BatchDecisionResult, ReviewStore, SaveDecisionRequest } from "../storage/store";
import { createTestApp, putDecision } from "../http/testApp";
import { createGroupCommitter } from "./groupCommit";
import { reanalyzePair } from "./reanalyze";
import { inlineReanalyzer, workerReanalyzer } from "./reanalyzer";

/* Behaviours mutation testing found unpinned (issue 13), each stated as a user would notice it. */

const chair = ann("chair", [0, 0, 20, 30]);
const mug = ann("mug", [40, 0, 10, 10]);
const record = makeRecord(
  [chair, mug],
  [
    { question: "What could I rest on?", text: "The chair_1 {seg}.", targets: [chair] },
    { question: "What would I drink from?", text: "The mug_1 {seg}.", targets: [mug] },
  ],
);
const raw = JSON.stringify(record);

describe("re-analysis of an edited pair", () => {
  it("keeps the import-time file flags (missing_image, unsafe_path) through an edit", () => {
    const fileFlags: FlagId[] = ["missing_image"];
    const result = reanalyzePair(raw, 0, { question: "Where could I sit down?" }, fileFlags);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.flags).toContain("missing_image");
    const clean = reanalyzePair(raw, 0, { question: "Where could I sit down?" }, []);
    expect(clean.ok && clean.flags).toEqual([]);
  });

  it("an edit of the text alone rebuilds the raw answer, so the old raw boxes raise no box_mismatch", () => {
    // The stored raw answer carries a box far from the target's: flagged as imported…
    const wrongRaw = JSON.stringify({ ...record, raw_answers: ["The chair_1 [100, 100, 120, 130].", record.raw_answers![1]] });
    const asImported = reanalyzePair(wrongRaw, 0, null, []);
    expect(asImported.ok && asImported.flags).toContain("box_mismatch");
    // …but once the text answer is edited, export writes a raw answer rebuilt from the targets.
    const edited = reanalyzePair(wrongRaw, 0, { textAnswer: "A chair_1 {seg}." }, []);
    expect(edited.ok && edited.flags).not.toContain("box_mismatch");
    // An edit of the question alone keeps the raw answer, and its mismatch.
    const question = reanalyzePair(wrongRaw, 0, { question: "Where to sit?" }, []);
    expect(question.ok && question.flags).toContain("box_mismatch");
  });

  it("refuses edit targets that are no annotation, naming the range", () => {
    expect(reanalyzePair(raw, 0, { targets: [5] }, [])).toEqual({
      ok: false,
      message: "edits.targets: annotation 5 does not exist; this image has 2 annotations (0–1)",
    });
    const one = JSON.stringify(makeRecord([chair], [{ question: "q?", text: "{seg}", targets: [chair] }]));
    expect(reanalyzePair(one, 0, { targets: [1] }, [])).toEqual({
      ok: false,
      message: "edits.targets: annotation 1 does not exist; this image has 1 annotation (0–0)",
    });
    expect(reanalyzePair(raw, 7, null, [])).toEqual({ ok: false, message: "pair 7 does not exist in its record" });
  });

  it("takes valid edit targets: the pair then reads with the new target's category", () => {
    const result = reanalyzePair(raw, 0, { targets: [1], textAnswer: "The mug_1 {seg}." }, []);
    expect(result).toMatchObject({ ok: true, granularity: "object" });
    expect(result.ok && result.flags).not.toContain("seg_count");
    // Two targets for one placeholder: seg_count.
    const two = reanalyzePair(raw, 0, { targets: [0, 1] }, []);
    expect(two.ok && two.flags).toContain("seg_count");
  });

  it("a record beyond the RLE limits answers with one line instead of throwing", () => {
    const side = 1 << 15;
    const zigzag = Array.from({ length: 40 }, (_, i) => [i % 2 === 0 ? 0 : side - 1, i * 100]).flat();
    const huge = { ...record, height: side, width: side, annotations: [{ ...chair, segmentation: [zigzag] }, mug] };
    const result = reanalyzePair(JSON.stringify(huge), 1, { question: "q?" }, []);
    // The polygon mask alone is past the outline budget: it reads as unreadable, the pair is fine.
    expect(result.ok).toBe(true);
  });

  it("gives the same answer on a worker thread as inline, and after the worker is closed", async () => {
    const worker = workerReanalyzer();
    try {
      const edits = { textAnswer: "Use the mug_1 {seg}." };
      expect(await worker.run(raw, 1, edits, ["missing_image"])).toEqual(await inlineReanalyzer().run(raw, 1, edits, ["missing_image"]));
      await worker.close();
      // A new worker starts on the next use.
      expect(await worker.run(raw, 0, null, [])).toEqual(reanalyzePair(raw, 0, null, []));
    } finally {
      await worker.close();
    }
  }, 30_000);
});

describe("a re-analysis worker that dies", () => {
  it("answers the request it held with one line, and the next request gets a new worker", async () => {
    // A 6 MB record in a worker capped at an 8 MB heap: out of memory.
    const worker = workerReanalyzer({ maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 });
    try {
      const big = JSON.stringify({ ...record, notes: ["n".repeat(3 * 1024 * 1024), "m".repeat(3 * 1024 * 1024)] });
      const result = await worker.run(big, 0, { question: "Where?" }, []);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/^the pair could not be re-analysed \(.*\); its record is beyond this server's limits$/);
      expect(!result.ok && result.message.includes("\n")).toBe(false);
      // The next request starts a new worker (under the same tiny heap it dies too, again in one line).
      const next = await worker.run(raw, 0, null, []);
      expect(next.ok || !next.message.includes("\n")).toBe(true);
    } finally {
      await worker.close();
    }
  }, 60_000);
});

describe("group commit", () => {
  const one = (id: string): SaveDecisionRequest => ({
    id,
    input: { status: "accepted", reviewer: "ana", baseVersion: 0 },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
  });

  it("fails a decision the store gave no result for, and only that one", async () => {
    const store = {
      saveDecision: () => {
        throw new Error("not used");
      },
      saveDecisions: async (requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]> => requests.slice(0, 1).map(() => ({ kind: "not_found" })),
    } as unknown as ReviewStore;
    const committer = createGroupCommitter(store);
    const [first, second] = await Promise.allSettled([committer.save(one("a:1:0")), committer.save(one("a:2:0"))]);
    expect(first).toEqual({ status: "fulfilled", value: { kind: "not_found" } });
    expect(second).toMatchObject({ status: "rejected", reason: { message: "the store returned no result for a decision" } });
  });

  it("splits more than 256 writes of one turn into transactions of at most 256, answering all", async () => {
    const batches: number[] = [];
    const store = {
      saveDecision: () => {
        throw new Error("not used");
      },
      saveDecisions: async (requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]> => {
        batches.push(requests.length);
        return requests.map((r) => ({
          kind: "saved",
          replayed: false,
          decision: { status: "accepted", reasons: [], note: r.id, edits: null, reviewer: "ana", updatedAt: "", version: 1 },
        }));
      },
    } as unknown as ReviewStore;
    const committer = createGroupCommitter(store);
    const request = (i: number): SaveDecisionRequest => ({
      id: `s:${i}:0`,
      input: { status: "accepted", reviewer: "ana", baseVersion: 0 },
      flags: [],
      granularity: "object",
      now: "2026-01-01T00:00:00.000Z",
    });
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => committer.save(request(i))));
    expect(batches).toEqual([256, 256, 88]);
    // Each caller gets its own decision back, in order.
    expect(results.map((r) => (r.kind === "saved" ? r.decision.note : null))).toEqual(Array.from({ length: 600 }, (_, i) => `s:${i}:0`));
  });
});

describe("Idempotency-Key", () => {
  it("is refused when reused with a different note or different edits, and replayed when all is equal", async () => {
    const t = await createTestApp();
    try {
      const accept = { status: "accepted", reviewer: "ana", baseVersion: 0, note: "fine" } as const;
      expect((await putDecision(t.app, "tiny:1:0", accept, { "Idempotency-Key": "k-note" })).status).toBe(200);
      const otherNote = await putDecision(t.app, "tiny:1:0", { ...accept, note: "not fine" }, { "Idempotency-Key": "k-note" });
      expect(otherNote.status).toBe(422);
      expect(apiErrorSchema.parse(await otherNote.json()).error.code).toBe("idempotency_key_reused");

      const edit = { status: "accepted", reviewer: "ana", baseVersion: 0, edits: { question: "Where to sit?" } } as const;
      expect((await putDecision(t.app, "tiny:2:0", edit, { "Idempotency-Key": "k-edit" })).status).toBe(200);
      const otherEdit = await putDecision(t.app, "tiny:2:0", { ...edit, edits: { question: "Where to rest?" } }, { "Idempotency-Key": "k-edit" });
      expect(otherEdit.status).toBe(422);
      const same = await putDecision(t.app, "tiny:2:0", edit, { "Idempotency-Key": "k-edit" });
      expect(same.status).toBe(200);
      expect(same.headers.get("idempotent-replayed")).toBe("true");
    } finally {
      t.close();
    }
  }, 30_000);
});
