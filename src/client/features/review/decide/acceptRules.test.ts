import { describe, expect, it } from "vitest";
import type { PairDetail } from "../../../../shared/api";
import type { EditDraft } from "../edit/editDraftStore";
import { acceptBlockersFor } from "./acceptRules";
// What the edit panel registers when it loads: the draft's own flags.
import "../edit/draftAcceptFlags";

const annotation = {
  index: 0,
  annId: null,
  categoryId: 1,
  categoryName: "mug",
  kind: "object" as const,
  instanceName: "mug_1",
  parent: null,
  bbox: [1, 1, 2, 2],
  area: 4,
  maskBox: [1, 1, 2, 2],
  rle: { size: [6, 8] as [number, number], counts: "0" },
};

const detail: PairDetail = {
  id: "S:1:0",
  split: "S",
  imageId: 1,
  index: 0,
  image: { fileName: "a.png", width: 8, height: 6, url: "/api/images/1", pairIds: ["S:1:0"] },
  question: "What holds the coffee?",
  textAnswer: "The cup {seg} and {seg}.",
  rawAnswer: null,
  original: { question: "What holds the coffee?", textAnswer: "The cup {seg} and {seg}.", targets: [0] },
  targets: [0],
  annotations: [annotation],
  granularity: "object",
  flags: ["seg_count"],
  decision: null,
  history: [],
  prev: null,
  next: null,
};

const draftOf = (textAnswer: string): EditDraft => ({
  pairId: detail.id,
  question: detail.question,
  textAnswer,
  targets: [0],
  base: { question: detail.question, textAnswer: detail.textAnswer, targets: [0] },
  changedAt: "2026-01-01T00:00:00Z",
});

describe("acceptBlockersFor", () => {
  it("refuses a pair whose placeholders do not match its targets", () => {
    expect(acceptBlockersFor(detail, null)).toEqual(["seg_count"]);
  });
  it("lets the edited answer with one placeholder per target be accepted", () => {
    expect(acceptBlockersFor(detail, draftOf("The cup {seg}."))).toEqual([]);
  });
  it("refuses an edit that leaves a stray brace or an empty answer", () => {
    expect(acceptBlockersFor(detail, draftOf("The cup {seg} }"))).toEqual(["braces"]);
    expect(acceptBlockersFor(detail, draftOf("  "))).toContain("empty_answer");
  });
  it("ignores a draft of another pair", () => {
    expect(acceptBlockersFor(detail, { ...draftOf("The cup {seg}."), pairId: "S:1:1" })).toEqual(["seg_count"]);
  });
});
