import { describe, expect, it } from "vitest";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import type { PairDetail, PairList } from "../../shared/api";
import { pairKeys } from "../api/keys";
import { optimisticDecision, restoreSnapshot, snapshotPair, writeDecision } from "./decisionCache";

const id = "S:1:0";
const detail = {
  id,
  split: "S",
  imageId: 1,
  index: 0,
  image: { fileName: "a.png", width: 8, height: 6, url: "/api/images/1", pairIds: [id] },
  question: "Where?",
  textAnswer: "{seg}",
  rawAnswer: null,
  original: { question: "Where?", textAnswer: "{seg}", targets: [0] },
  targets: [0],
  annotations: [],
  granularity: "object",
  flags: [],
  decision: null,
  history: [],
  prev: null,
  next: null,
} satisfies PairDetail;

const list: InfiniteData<PairList> = {
  pageParams: [null],
  pages: [
    {
      items: [{ id, split: "S", imageId: 1, index: 0, question: "Where?", targetCount: 1, granularity: "object", status: "pending", flags: [], reviewer: null }],
      nextCursor: null,
      total: 1,
      counts: { pending: 1, accepted: 0, rejected: 0 },
    },
  ],
};

function seeded() {
  const client = new QueryClient();
  client.setQueryData(pairKeys.detail(id, { split: "S" }), detail);
  client.setQueryData(pairKeys.list({ split: "S" }), list);
  return client;
}

describe("writeDecision", () => {
  it("shows a decision with its edits in the detail and the queue row at once", () => {
    const client = seeded();
    const input = { status: "accepted" as const, edits: { question: "Where now?", targets: [0, 2] }, reviewer: "ada", baseVersion: 0 };
    writeDecision(client, id, optimisticDecision(input));
    const patched = client.getQueryData<PairDetail>(pairKeys.detail(id, { split: "S" }))!;
    expect(patched.decision?.version).toBe(1);
    expect(patched.question).toBe("Where now?");
    expect(patched.textAnswer).toBe("{seg}");
    expect(patched.targets).toEqual([0, 2]);
    const page = client.getQueryData<InfiniteData<PairList>>(pairKeys.list({ split: "S" }))!.pages[0]!;
    expect(page.items[0]).toMatchObject({ status: "accepted", reviewer: "ada", targetCount: 2 });
    expect(page.counts).toEqual({ pending: 0, accepted: 1, rejected: 0 });
  });

  it("rolls back to the snapshot", () => {
    const client = seeded();
    const snapshot = snapshotPair(client, id);
    writeDecision(client, id, optimisticDecision({ status: "rejected", reasons: ["other"], reviewer: "ada", baseVersion: 0 }));
    restoreSnapshot(client, snapshot);
    expect(client.getQueryData<PairDetail>(pairKeys.detail(id, { split: "S" }))!.decision).toBeNull();
    expect(client.getQueryData<InfiniteData<PairList>>(pairKeys.list({ split: "S" }))!.pages[0]!.counts.pending).toBe(1);
  });
});
