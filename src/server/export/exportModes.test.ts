import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput, FlagId } from "../../shared/domain";
import type { ImageRecord } from "../../shared/mmr";
import { polygonsToRle, rleFromString } from "../../shared/rle";
import { importSplit } from "../import/importSplit";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { fixtureRecords, splitText, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";
import { exportSplit } from "./exportSplit";

/*
 * The two export modes and number preservation, through a real store: what LOADER.md needs from a
 * loader-safe export, identity from a lossless one, and original number text in both.
 */

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

/** Saves a decision straight into the store; `flags` are the pair's flags after its edits. */
async function decide(id: string, input: Omit<DecisionInput, "reviewer" | "baseVersion">, flags: FlagId[] = []): Promise<void> {
  const result = (await store.saveDecision({ id, input: { reviewer: "ann", baseVersion: 0, ...input }, flags, granularity: "object", now: "2026-02-03T04:05:06.000Z" }));
  expect(result.kind).toBe("saved");
}

async function importText(name: string, text: string): Promise<void> {
  await importSplit(store, dir.write(`${name}.json`, text), { workers: 0 });
}

/** The fixture split with big integers and `1.0` written into it as raw number text. */
function numberText(): string {
  return splitText(fixtureRecords(2)).replace(/"license":3/g, '"license":12345678901234567891,"scale":1.0,"tiny":1.50E-7');
}

describe("number text", () => {
  it("keeps every untouched number's text in a decided record, in both modes", async () => {
    const text = numberText();
    await importText("val", text);
    await decide("val:1000:0", { status: "rejected", reasons: ["other"] });
    await decide("val:1000:1", { status: "accepted", edits: { question: "What holds it up?" } });
    await decide("val:1001:0", { status: "accepted", edits: { textAnswer: "Sit on {seg}.", targets: [0] } });
    for (const mode of ["loader-safe", "lossless"] as const) {
      const out = dir.file(`${mode}.json`);
      await exportSplit(store, "val", { out, includePending: true, mode });
      const written = readFileSync(out, "utf8");
      expect(written.match(/"license":12345678901234567891,"scale":1\.0,"tiny":1\.50E-7/g)).toHaveLength(2);
      expect(written).toContain('"What holds it up?"');
      expect(written).not.toContain("12345678901234567000");
    }
  });
});

describe("lossless", () => {
  it("writes an undecided split with pending included as the input's JSON values", async () => {
    const records = fixtureRecords(3);
    const noQuestions = { ...fixtureRecords(1, 7)[0]!, questions: [], answers: [], text_answers: [], raw_answers: [] };
    await importText("val", splitText([...records, noQuestions]));
    const out = dir.file("out.json");
    await exportSplit(store, "val", { out, includePending: true, mode: "lossless" });
    expect(JSON.parse(readFileSync(out, "utf8"))).toStrictEqual(JSON.parse(JSON.stringify([...records, noQuestions])));
  });
});

describe("a byte order mark", () => {
  it("is read on import and never written", async () => {
    const records = fixtureRecords(2);
    await importText("val", `\ufeff${splitText(records)}`);
    for (const mode of ["loader-safe", "lossless"] as const) {
      const out = dir.file(`${mode}.json`);
      await exportSplit(store, "val", { out, includePending: true, mode });
      const bytes = readFileSync(out);
      expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes[0]).toBe(0x5b); // '['
    }
    expect(JSON.parse(readFileSync(dir.file("lossless.json"), "utf8"))).toStrictEqual(JSON.parse(JSON.stringify(records)));
  });
});

describe("loader-safe", () => {
  it("converts polygon and uncompressed target copies bit-exactly and leaves annotations as read", async () => {
    const records = fixtureRecords(2);
    await importText("val", splitText(records));
    const out = dir.file("out.json");
    const summary = await exportSplit(store, "val", { out, includePending: true });
    const written = JSON.parse(readFileSync(out, "utf8")) as ImageRecord[];
    // Record 1001 has the mug (uncompressed counts), whose pair has stray braces: left out.
    expect(summary.report).toMatchObject({ mode: "loader-safe", convertedTargets: 2, convertedPairs: 2, leftOut: { braces: 1 } });
    expect(written.map((r) => r.questions.length)).toEqual([3, 3]);
    const laptop = records[0]!.annotations[2]!;
    const copy = written[0]!.answers[2]![0]!;
    expect(copy.segmentation).toEqual({ size: [40, 60], counts: expect.any(String) });
    const counts = rleFromString((copy.segmentation as { counts: string }).counts);
    expect(Array.from(counts)).toEqual(Array.from(polygonsToRle(laptop.segmentation as number[][], 40, 60)));
    expect(written[0]!.annotations[2]).toEqual(laptop);
    // Everything else of the copy is the annotation as read, in its key order.
    expect(Object.keys(copy)).toEqual(Object.keys(laptop));
  });

  it("converts an edited target list's picked annotation, and drops records left with no pair", async () => {
    await importText("val", splitText(fixtureRecords(2)));
    await decide("val:1000:0", { status: "accepted", edits: { textAnswer: "Sit on {seg}, then drink from {seg}.", targets: [0, 3] } }, ["mask_form"]);
    // Accepted in an older version, before such pairs were refused: still left out.
    await decide("val:1001:3", { status: "accepted" }, ["braces"]);
    const out = dir.file("out.json");
    const summary = await exportSplit(store, "val", { out, includePending: false });
    const written = JSON.parse(readFileSync(out, "utf8")) as ImageRecord[];
    expect(written).toHaveLength(1);
    expect(typeof (written[0]!.answers[0]![1]!.segmentation as { counts: unknown }).counts).toBe("string");
    expect(summary.report).toMatchObject({ convertedTargets: 1, leftOut: { braces: 1 }, recordsWithoutPairs: 1 });
  });
});
