import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { PairDetail, PairList } from "../../shared/api";
import type { Decision, DecisionInput, FlagId, Granularity, Status } from "../../shared/domain";
import { pairKeys } from "../api/keys";

/* Writes a decision into every cached copy of a pair (details under any filter, queue rows). */

export function optimisticDecision(input: DecisionInput, now = new Date()): Decision {
  return {
    status: input.status,
    reasons: input.reasons ?? [],
    note: input.note ?? "",
    edits: input.edits ?? null,
    reviewer: input.reviewer,
    updatedAt: now.toISOString(),
    version: input.baseVersion + 1,
  };
}

/** The freshest cached detail of a pair, whatever filter it was fetched under. */
export function cachedDetail(client: QueryClient, pairId: string): PairDetail | undefined {
  for (const [, data] of client.getQueriesData<PairDetail>({ queryKey: pairKeys.detailAll(pairId) })) {
    if (data) return data;
  }
  return undefined;
}

interface Derived {
  flags?: FlagId[];
  granularity?: Granularity;
}

function withDecision(detail: PairDetail, decision: Decision | null, derived: Derived): PairDetail {
  const edits = decision?.edits ?? null;
  return {
    ...detail,
    decision,
    question: edits?.question ?? detail.original.question,
    textAnswer: edits?.textAnswer ?? detail.original.textAnswer,
    targets: edits?.targets ?? detail.original.targets,
    flags: derived.flags ?? detail.flags,
    granularity: derived.granularity ?? detail.granularity,
  };
}

function adjustCounts(counts: PairList["counts"], from: Status, to: Status): PairList["counts"] {
  if (from === to) return counts;
  return { ...counts, [from]: Math.max(0, counts[from] - 1), [to]: counts[to] + 1 };
}

function patchList(data: InfiniteData<PairList> | undefined, pairId: string, decision: Decision | null, derived: Derived) {
  if (!data) return data;
  let from: Status | null = null;
  const status: Status = decision?.status ?? "pending";
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((item) => {
      if (item.id !== pairId) return item;
      from = item.status;
      return {
        ...item,
        status,
        reviewer: decision?.reviewer ?? null,
        flags: derived.flags ?? item.flags,
        granularity: derived.granularity ?? item.granularity,
        targetCount: decision?.edits?.targets?.length ?? item.targetCount,
        version: decision?.version ?? 0,
      };
    }),
  }));
  const before = from as Status | null;
  if (before === null) return { ...data, pages };
  return { ...data, pages: pages.map((page) => ({ ...page, counts: adjustCounts(page.counts, before, status) })) };
}

export function writeDecision(client: QueryClient, pairId: string, decision: Decision | null, derived: Derived = {}) {
  client.setQueriesData<PairDetail>({ queryKey: pairKeys.detailAll(pairId) }, (detail) =>
    detail ? withDecision(detail, decision, derived) : detail,
  );
  client.setQueriesData<InfiniteData<PairList>>({ queryKey: pairKeys.lists() }, (data) =>
    patchList(data, pairId, decision, derived),
  );
}

export type CacheSnapshot = [QueryKey, unknown][];

export function snapshotPair(client: QueryClient, pairId: string): CacheSnapshot {
  return [
    ...client.getQueriesData({ queryKey: pairKeys.detailAll(pairId) }),
    ...client.getQueriesData({ queryKey: pairKeys.lists() }),
  ];
}

export function restoreSnapshot(client: QueryClient, snapshot: CacheSnapshot) {
  for (const [key, data] of snapshot) client.setQueryData(key, data);
}
