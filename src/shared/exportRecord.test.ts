import { describe, expect, it } from "vitest";
import type { Decision, Edits, Status } from "./domain";
import type { FlagId } from "./domain";
import { exportRecord, exportRecordText, untouchedRecordExport } from "./exportRecord";
import type { ImageRecord } from "./mmr";
import { ann, makeRecord } from "./testRecord";

function decision(status: Status, edits: Edits | null = null): Decision {
  return { status, reasons: status === "rejected" ? ["other"] : [], note: "", edits, reviewer: "ana", updatedAt: "2026-01-01T00:00:00Z", version: 1 };
}

/** A record as a file would hold it: unknown fields, `raw_answers` before `questions`, and so on. */
function fileRecord(): ImageRecord {
  const chair1 = ann("chair", [0, 0, 20, 30], { iscrowd: 0, area: 600 });
  const chair2 = ann("chair", [25, 5, 10, 30]);
  const leg = ann("chair:leg", [26, 25, 3, 10], { obj_ann_id: chair2.id });
  const built = makeRecord([chair1, chair2, leg], [
    { question: "What would you sit on?", text: "The chair_1 {seg}.", targets: [chair1] },
    { question: "What holds chair_2 up?", text: "chair_2's leg {seg}", targets: [leg] },
    { question: "Where could two people sit?", text: "chair_1 {seg} and chair_2 {seg}", targets: [chair1, chair2] },
  ]);
  // Reorder keys and add unknown fields the way a foreign file might have them.
  const { raw_answers, ...rest } = built;
  const text = JSON.stringify({ license: 3, raw_answers, ...rest, extra: { nested: [1, "x"] } });
  return JSON.parse(text) as ImageRecord;
}

describe("exportRecord", () => {
  it("returns the record unchanged with no decisions and pending included", () => {
    const record = fileRecord();
    const text = JSON.stringify(record);
    const out = exportRecord(record, new Map(), { includePending: true });
    expect(JSON.stringify(out)).toBe(text);
    expect(out).toEqual(JSON.parse(text));
  });

  it("keeps only accepted pairs by default and leaves out a record with none", () => {
    const record = fileRecord();
    expect(exportRecord(record, new Map(), { includePending: false })).toBeNull();
    const out = exportRecord(record, new Map([[1, decision("accepted")]]), { includePending: false })!;
    expect(out.questions).toEqual(["What holds chair_2 up?"]);
    expect(out.text_answers).toEqual(["chair_2's leg {seg}"]);
    expect(out.answers).toEqual([record.answers[1]]);
    expect(out.raw_answers).toEqual([record.raw_answers![1]]);
  });

  it("drops rejected pairs and keeps the four arrays aligned, other fields in their order", () => {
    const record = fileRecord();
    const out = exportRecord(record, new Map([[0, decision("rejected")], [2, decision("accepted")]]), { includePending: true })!;
    expect(out.questions).toEqual([record.questions[1], record.questions[2]]);
    expect(out.answers).toEqual([record.answers[1], record.answers[2]]);
    expect(out.text_answers).toEqual([record.text_answers[1], record.text_answers[2]]);
    expect(out.raw_answers).toEqual([record.raw_answers![1], record.raw_answers![2]]);
    expect(Object.keys(out)).toEqual(Object.keys(record));
    expect(out.extra).toEqual({ nested: [1, "x"] });
    expect(out.annotations).toEqual(record.annotations);
    const all = exportRecord(record, new Map([0, 1, 2].map((i) => [i, decision("rejected")])), { includePending: true });
    expect(all).toBeNull();
  });

  it("writes edited targets as the record's annotation objects and rebuilds the raw answer", () => {
    const record = fileRecord();
    const edits: Edits = { question: "What could two people sit on?", textAnswer: "chair_1 {seg}, chair_2 {seg} and its leg {seg}", targets: [0, 1, 2] };
    const out = exportRecord(record, new Map([[2, decision("accepted", edits)]]), { includePending: false })!;
    expect(out.questions).toEqual(["What could two people sit on?"]);
    expect(out.answers[0]![2]).toEqual(record.annotations[2]);
    expect(out.answers[0]).toEqual(record.annotations);
    expect(out.text_answers).toEqual([edits.textAnswer]);
    expect(out.raw_answers).toEqual(["chair_1 [0.0, 0.0, 20.0, 30.0], chair_2 [25.0, 5.0, 35.0, 35.0] and its leg [26.0, 25.0, 29.0, 35.0]"]);
  });

  it("keeps the raw answer when only the question changed", () => {
    const record = fileRecord();
    const out = exportRecord(record, new Map([[0, decision("accepted", { question: "Where to sit?" })]]), { includePending: false })!;
    expect(out.questions).toEqual(["Where to sit?"]);
    expect(out.raw_answers).toEqual([record.raw_answers![0]]);
    expect(out.answers[0]![0]).toEqual(record.answers[0]![0]);
  });

  it("takes an orphan target from the original answer object", () => {
    const chair = ann("chair", [0, 0, 20, 30]);
    const stray = ann("mug", [40, 0, 10, 10], { note: "not in annotations" });
    const record = makeRecord([chair], [{ question: "What holds tea?", text: "The mug {seg}", targets: [stray] }]);
    const out = exportRecord(record, new Map([[0, decision("accepted", { textAnswer: "The chair_1 {seg} and mug {seg}", targets: [0, 1] })]]), {
      includePending: false,
    })!;
    expect(out.answers[0]![1]).toEqual(stray);
    expect(out.raw_answers).toEqual(["The chair_1 [0.0, 0.0, 20.0, 30.0] and mug [40.0, 0.0, 50.0, 10.0]"]);
  });

  it("keeps a field named __proto__ as a plain field when a record is rebuilt", () => {
    const record = JSON.parse(`{"__proto__": {"meta": 1}, ${JSON.stringify(fileRecord()).slice(1)}`) as ImageRecord;
    const out = exportRecord(record, new Map([[0, decision("rejected")]]), { includePending: true })!;
    expect(JSON.stringify(out)).toMatch(/^\{"__proto__":\{"meta":1\},"license":3/);
    expect(out.questions).toHaveLength(2);
  });

  it("does not invent raw_answers for a record without them", () => {
    const { raw_answers: _raw, ...record } = fileRecord();
    const out = exportRecord(record, new Map([[0, decision("accepted", { textAnswer: "chair_1 {seg}" })]]), { includePending: false })!;
    expect("raw_answers" in out).toBe(false);
    expect(out.text_answers).toEqual(["chair_1 {seg}"]);
  });
});

const nothing = { text: null, pairs: 0, convertedTargets: 0, convertedPairs: 0, leftOut: {}, droppedNoPairs: false };

describe("untouchedRecordExport (a record without decisions, from its stored flags)", () => {
  const raw = JSON.stringify(fileRecord());
  const clean = new Map<number, FlagId[]>([
    [0, []],
    [1, ["duplicate"]],
    [2, ["explicit", "box_mismatch"]],
  ]);

  it("writes the record as read when pending pairs are included and no flag breaks the loader", () => {
    expect(untouchedRecordExport(raw, 3, clean, { includePending: true })).toEqual({ ...nothing, text: raw, pairs: 3 });
    expect(untouchedRecordExport(raw, 3, clean, { includePending: true, mode: "loader-safe" })).toEqual({ ...nothing, text: raw, pairs: 3 });
  });

  it("writes nothing, and drops no record, when only accepted pairs are kept", () => {
    expect(untouchedRecordExport(raw, 3, clean, { includePending: false })).toEqual(nothing);
  });

  it("writes a lossless record as read whatever its flags", () => {
    const broken = new Map<number, FlagId[]>([[0, ["braces", "mask_form"]]]);
    expect(untouchedRecordExport(raw, 3, broken, { includePending: true, mode: "lossless" })).toEqual({ ...nothing, text: raw, pairs: 3 });
  });

  it("drops a loader-safe record without questions", () => {
    expect(untouchedRecordExport(raw, 0, new Map(), { includePending: true })).toEqual({ ...nothing, droppedNoPairs: true });
  });

  it("sends a record with a loader-breaking or mask_form flag down the full path", () => {
    expect(untouchedRecordExport(raw, 3, new Map([...clean, [1, ["braces"]]]), { includePending: true })).toBeNull();
    expect(untouchedRecordExport(raw, 3, new Map([...clean, [2, ["mask_form"]]]), { includePending: true })).toBeNull();
  });

  it("sends a record whose text holds polygons or uncompressed counts down the full path, even with clean flags", () => {
    const record = fileRecord();
    const polygon = { ...record, annotations: [...record.annotations, { ...record.annotations[0]!, id: 99, segmentation: [[0, 0, 5, 0, 5, 5]] }] };
    expect(untouchedRecordExport(JSON.stringify(polygon), 3, clean, { includePending: true })).toBeNull();
    const counts = raw.replace(/"segmentation":\{"size":\[40,60\],"counts":"[^"]*"\}/, '"segmentation": {"size": [40, 60], "counts" : [2400]}');
    expect(counts).not.toBe(raw);
    expect(untouchedRecordExport(counts, 3, clean, { includePending: true })).toBeNull();
  });
});

describe("exportRecordText", () => {
  const accepted = (edits: Edits | null = null) => decision("accepted", edits);

  it("leaves out a lossless record whose pairs are all rejected, but keeps one without questions as read", () => {
    const raw = JSON.stringify(fileRecord());
    const rejected = new Map([0, 1, 2].map((i) => [i, decision("rejected")]));
    expect(exportRecordText(raw, rejected, { includePending: true, mode: "lossless" })).toEqual(nothing);
    expect(exportRecordText(raw, rejected, { includePending: false, mode: "lossless" })).toEqual(nothing);
    const bare = JSON.stringify({ ...fileRecord(), questions: [], answers: [], text_answers: [], raw_answers: [] });
    expect(exportRecordText(bare, new Map(), { includePending: true, mode: "lossless" })).toEqual({ ...nothing, text: bare });
    expect(exportRecordText(bare, new Map(), { includePending: false, mode: "lossless" })).toEqual(nothing);
    expect(exportRecordText(bare, new Map(), { includePending: true })).toEqual({ ...nothing, droppedNoPairs: true });
  });

  it("keeps the copies and the raw answer when an edit lists the same targets", () => {
    const chair = ann("chair", [0, 0, 20, 30]);
    const copy = { ...chair, note: "the copy" };
    const record = makeRecord([chair], [{ question: "Where to sit?", text: "The chair_1 {seg}.", targets: [copy], raw: "The chair [1, 1, 2, 2]." }]);
    const out = exportRecord(record, new Map([[0, accepted({ question: "Where to sit down?", targets: [0] })]]), { includePending: false })!;
    expect(out.questions).toEqual(["Where to sit down?"]);
    expect(out.answers).toEqual([[copy]]);
    expect(out.raw_answers).toEqual(["The chair [1, 1, 2, 2]."]);
  });

  it("writes the annotations of an edited list that differs in one place only", () => {
    const record = fileRecord();
    const out = exportRecord(record, new Map([[2, accepted({ targets: [0, 2] })]]), { includePending: false })!;
    expect(out.answers).toEqual([[record.annotations[0], record.annotations[2]]]);
    expect(out.text_answers).toEqual(["chair_1 {seg} and chair_2 {seg}"]);
    expect(out.raw_answers).toEqual(["chair_1 [0.0, 0.0, 20.0, 30.0] and chair_2 [26.0, 25.0, 29.0, 35.0]"]);
  });

  it("refuses an edit naming a target the record does not have", () => {
    const raw = JSON.stringify(fileRecord());
    const flags = new Map<number, FlagId[]>([[0, []]]);
    expect(() => exportRecordText(raw, new Map([[0, accepted({ targets: [9] })]]), { includePending: false, pairFlags: flags })).toThrow(
      new RangeError("image 7, pair 0: target 9 is no annotation"),
    );
  });

  it("writes a misaligned lossless record's arrays as far as they go", () => {
    const record = fileRecord();
    const raw = JSON.stringify({ ...record, answers: [record.answers[0]], text_answers: [record.text_answers[0]], raw_answers: [record.raw_answers![0]] });
    const out = exportRecordText(raw, new Map([[0, decision("rejected")]]), { includePending: true, mode: "lossless" });
    expect(out.pairs).toBe(2);
    const written = JSON.parse(out.text!) as ImageRecord;
    expect(written.questions).toEqual([record.questions[1], record.questions[2]]);
    expect(written.answers).toEqual([]);
    expect(written.text_answers).toEqual([]);
    expect(written.raw_answers).toEqual([]);
  });

  it("judges each kept pair by its flags with its edits applied when no flags are given", () => {
    const chair = ann("chair", [0, 0, 20, 30]);
    const record = makeRecord([chair], [
      { question: "Where to sit?", text: "The chair_1 {seg} {", targets: [chair] },
      { question: "What is brown?", text: "The chair_1 {seg}", targets: [chair] },
    ]);
    const raw = JSON.stringify(record);
    const asRead = exportRecordText(raw, new Map([[0, accepted()], [1, accepted()]]), { includePending: false });
    expect(asRead.leftOut).toEqual({ braces: 1 });
    expect((JSON.parse(asRead.text!) as ImageRecord).questions).toEqual(["What is brown?"]);
    const fixed = exportRecordText(raw, new Map([[0, accepted({ textAnswer: "The chair_1 {seg}." })], [1, accepted({ textAnswer: "The chair_1 {seg} and {seg}" })]]), {
      includePending: false,
    });
    expect(fixed.leftOut).toEqual({ seg_count: 1 });
    const written = JSON.parse(fixed.text!) as ImageRecord;
    expect(written.questions).toEqual(["Where to sit?"]);
    expect(written.text_answers).toEqual(["The chair_1 {seg}."]);
  });
});

describe("records dropped from a loader-safe export", () => {
  const raw = JSON.stringify(fileRecord());
  const flags = new Map<number, FlagId[]>([
    [0, []],
    [1, ["braces"]],
    [2, []],
  ]);

  it("counts a record whose kept pairs all break the loader, not one with nothing to keep", () => {
    const brokenOnly = new Map([[1, decision("accepted")]]);
    expect(exportRecordText(raw, brokenOnly, { includePending: false, pairFlags: flags })).toEqual({ ...nothing, leftOut: { braces: 1 }, droppedNoPairs: true });
    // Nothing accepted: not written, and not "dropped", with or without decisions, with or without stored flags.
    const rejected = new Map([[0, decision("rejected")]]);
    expect(exportRecordText(raw, rejected, { includePending: false, pairFlags: flags })).toEqual(nothing);
    expect(exportRecordText(raw, rejected, { includePending: false })).toEqual(nothing);
    expect(exportRecordText(raw, new Map(), { includePending: false, pairFlags: flags })).toEqual(nothing);
    expect(exportRecordText(raw, new Map(), { includePending: false })).toEqual(nothing);
    const bare = JSON.stringify({ ...fileRecord(), questions: [], answers: [], text_answers: [], raw_answers: [] });
    expect(exportRecordText(bare, new Map(), { includePending: false })).toEqual(nothing);
    expect(exportRecordText(bare, new Map(), { includePending: false, pairFlags: new Map() })).toEqual(nothing);
    expect(exportRecordText(bare, new Map(), { includePending: true, pairFlags: new Map() })).toEqual({ ...nothing, droppedNoPairs: true });
  });
});
