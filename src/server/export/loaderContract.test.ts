import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairId } from "../../shared/domain";
import type { DecisionInput } from "../../shared/domain";
import { loaderContractViolations } from "../../shared/loaderContract";
import type { ImageRecord } from "../../shared/mmr";
import { importSplit } from "../import/importSplit";
import { decide } from "../review/decide";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";
import { exportSplit } from "./exportSplit";

/*
 * The bundled sample, reviewed by a script the way a curator would (fix some pairs in edit mode,
 * reject some, accept everything the server lets through), then exported in both modes: every
 * export must satisfy what the official MMR loader requires (LOADER.md).
 */

const sampleFile = resolve(import.meta.dirname, "../../../sample/MMR_sample.json");
const sample = JSON.parse(readFileSync(sampleFile, "utf8")) as ImageRecord[];
const S = "MMR_sample";

let dir: TempDir;
let store: ReviewStore;
const refused: string[] = [];

async function put(id: string, input: Omit<DecisionInput, "reviewer" | "baseVersion">): Promise<string> {
  const current = (await store.getPair(id, {}))!.decision;
  const outcome = await decide({ store }, { id, input: { reviewer: "script", baseVersion: current?.version ?? 0, ...input } });
  if (outcome.kind === "invalid") return outcome.message;
  expect(outcome.kind).toBe("saved");
  return "";
}

beforeAll(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importSplit(store, sampleFile, { workers: 0 });

  // Fixes in edit mode, then accepted.
  const fixes: [string, DecisionInput["edits"]][] = [
    [`${S}:101:5`, { textAnswer: "You would use laptop_computer_1's keyboard {seg} and laptop_computer_1's touchpad {seg}." }],
    [`${S}:113:2`, { textAnswer: "mug_1 {seg} would keep them warm." }],
    [`${S}:113:1`, { textAnswer: "Twist off bottle_1's cap {seg}." }],
    [`${S}:113:3`, { textAnswer: "bottle_2's cap {seg} does." }],
    // Swap in the knife (a polygon annotation) as the only target of the plate pair: converted on export.
    [`${S}:103:4`, { textAnswer: "Use knife_1 {seg}.", targets: [sample[2]!.annotations.findIndex((a) => a.category_name === "knife")] }],
  ];
  for (const [id, edits] of fixes) expect(await put(id, { status: "accepted", edits })).toBe("");
  // Rejections.
  for (const id of [`${S}:102:3`, `${S}:110:0`]) expect(await put(id, { status: "rejected", reasons: ["other"] })).toBe("");
  // Accept everything else the server accepts.
  for (const record of sample) {
    for (let i = 0; i < record.questions.length; i++) {
      const id = pairId(S, record.image_id, i);
      if ((await store.getPair(id, {}))!.decision) continue;
      const message = await put(id, { status: "accepted" });
      if (message) refused.push(`${id} ${message.split(":")[1]!.trim()}`);
    }
  }
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

async function exported(mode: "loader-safe" | "lossless", includePending: boolean) {
  const out = dir.file(`${mode}-${includePending}.json`);
  const summary = await exportSplit(store, S, { out, includePending, mode });
  return { text: readFileSync(out, "utf8"), summary };
}

describe("the sample after a scripted review", () => {
  it("had exactly its loader-breaking pairs refused by the server", async () => {
    expect(refused.sort()).toEqual(
      [
        `${S}:102:5 empty_mask`,
        `${S}:103:5 braces`,
        `${S}:106:5 no_targets`,
        `${S}:113:5 bad_rle`,
        `${S}:114:0 misaligned`,
        `${S}:114:1 misaligned`,
      ].sort(),
    );
  });

  for (const includePending of [false, true]) {
    it(`exports loader-safe${includePending ? " with pending" : ""}: every pair loads`, async () => {
      const { text, summary } = await exported("loader-safe", includePending);
      expect(loaderContractViolations(text, { forms: "compressed" })).toEqual([]);
      const written = JSON.parse(text) as ImageRecord[];
      expect(written.length).toBeGreaterThan(10);
      // 103:2 (polygons) and 107:0 (uncompressed counts) are accepted and converted, with the edited 103:4.
      expect(summary.report.convertedPairs).toBe(3);
      expect(summary.report.leftOut).toEqual(includePending ? { empty_mask: 1, braces: 1, no_targets: 1, bad_rle: 1, misaligned: 2 } : {});
    });
  }

  it("exports lossless accepted pairs that load, forms as read", async () => {
    const { text, summary } = await exported("lossless", false);
    expect(loaderContractViolations(text, { forms: "as-read" })).toEqual([]);
    // The polygon and counts targets stay as read: the only thing keeping this export from training.
    expect(loaderContractViolations(text, { forms: "compressed" }).length).toBeGreaterThan(0);
    expect(summary.report.loaderBreakingWritten).toBe(3); // 103:2, 107:0 and the edited 103:4
  });
});

/** scripts/loader-check.py: the official data path in Python (json.load, str.format, the decoder). */
const loaderCheck = resolve(import.meta.dirname, "../../../scripts/loader-check.py");
const hasPython = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" }).status === 0;
const runPython = (file: string) => spawnSync("python3", [loaderCheck, file], { encoding: "utf8", timeout: 60_000 });

describe.skipIf(!hasPython)("the Python data path (python3 with numpy)", () => {
  it("fails on the raw sample where the issue says the official code fails", async () => {
    const result = runPython(sampleFile);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/image_id 103\), pair 2, target 0: decode raises TypeError/);
    expect(result.stdout).toMatch(/image_id 107\), pair 0, target 1: decode raises TypeError/);
    expect(result.stdout).toMatch(/image_id 103\), pair 5: format raises KeyError/);
  });
  for (const includePending of [false, true]) {
    it(`reads every pair of the loader-safe export${includePending ? " with pending" : ""}`, async () => {
      await exported("loader-safe", includePending);
      const result = runPython(dir.file(`loader-safe-${includePending}.json`));
      expect(result.stdout).toBe("");
      expect(result.status).toBe(0);
    });
  }
});

describe("loaderContractViolations", () => {
  it("finds what the loader fails on in a raw split", async () => {
    const violations = loaderContractViolations(readFileSync(sampleFile, "utf8"), { forms: "compressed" });
    const text = violations.join("\n");
    expect(text).toMatch(/image_id 103\), pair 2, target 0: polygons/);
    expect(text).toMatch(/image_id 107\), pair 0, target 1: uncompressed counts/);
    expect(text).toMatch(/image_id 101\), pair 5: 1 \{seg\} for 2 targets/);
    expect(text).toMatch(/image_id 103\), pair 5: text_answer\.format\(seg="\[SEG\]"\) raises: KeyError: 'cold'/);
    expect(text).toMatch(/image_id 113\), pair 1: literal \[SEG\]/);
    expect(text).toMatch(/image_id 113\), pair 2: empty text answer/);
    expect(text).toMatch(/image_id 113\), pair 5, target 0: compressed counts do not add up/);
    expect(text).toMatch(/image_id 114\): arrays of different lengths/);
  });
  it("finds records without pairs, masks of different sizes and a byte order mark", async () => {
    const seg = (h: number, w: number) => ({ size: [h, w], counts: String.fromCharCode(48 + h * w) });
    const record = (questions: string[], answers: unknown[][]) => ({ file_name: "a.jpg", height: 2, width: 2, image_id: 1, annotations: [], questions, answers, text_answers: questions.map(() => "{seg}") });
    expect(loaderContractViolations(JSON.stringify([record([], [])]))).toEqual(["record 0 (image_id 1): no questions: np.stack([]) raises in training"]);
    const mixed = record(["q", "r"], [[{ segmentation: seg(2, 2) }], [{ segmentation: seg(1, 4) }]]);
    expect(loaderContractViolations(`\ufeff${JSON.stringify([mixed])}`)).toEqual([
      "the file starts with a byte order mark: json.load raises",
      "record 0 (image_id 1), pair 1, target 0: size 1x4 is not the image's 2x2",
      "record 0 (image_id 1): masks of different sizes (2x2, 1x4): np.stack raises in validation",
    ]);
  });
});

describe("lossless identity", () => {
  it("writes the undecided sample with --include pending --lossless as the input's JSON values", async () => {
    const fresh = await openStore(dir.file("fresh.db"));
    try {
      await importSplit(fresh, sampleFile, { workers: 0 });
      const out = dir.file("identity.json");
      await exportSplit(fresh, S, { out, includePending: true, mode: "lossless" });
      expect(JSON.parse(readFileSync(out, "utf8"))).toStrictEqual(sample);
    } finally {
      fresh.close();
    }
  });
});
