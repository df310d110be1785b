import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { PairDetail, PairFilter, PairList } from "../../shared/api";
import type { Status } from "../../shared/domain";
import type { DecisionEvent } from "../../shared/events";
import { insightsKeys } from "./keys";
import { pairKeys, splitKeys, statsKeys } from "./keys";

/*
 * Applies live-update events to the query cache. Queue rows are patched in place (cheap, and the
 * queue does not jump); the open pair is refetched (an event names the status and version, not
 * the reasons or edits); counts elsewhere (stats, dashboard, insights) are invalidated, batched.
 */

function patchRows(data: InfiniteData<PairList> | undefined, event: DecisionEvent, found: { row: boolean }) {
  if (!data) return data;
  let from: Status | null = null;
  const pages = data.pages.map((page) => {
    if (!page.items.some((item) => item.id === event.pairId)) return page;
    return {
      ...page,
      items: page.items.map((item) => {
        if (item.id !== event.pairId) return item;
        found.row = true;
        // Our own save (or a later event) already put this or a newer version here.
        if ((item.version ?? 0) >= event.version) return item;
        from = item.status;
        return { ...item, status: event.status, reviewer: event.reviewer || null, version: event.version };
      }),
    };
  });
  const before = from as Status | null;
  if (before === null || before === event.status) return before === null ? data : { ...data, pages };
  const to = event.status;
  return {
    ...data,
    pages: pages.map((page) => ({
      ...page,
      counts: { ...page.counts, [before]: Math.max(0, page.counts[before] - 1), [to]: page.counts[to] + 1 },
    })),
  };
}

export interface DecisionApplied {
  /** The event is newer than what this tab holds for the pair (a decision made elsewhere). */
  remote: boolean;
}

/** Patches queue rows, refetches the pair if cached and older. Counts: see `invalidateCounts`. */
export function applyDecisionEvent(client: QueryClient, event: DecisionEvent): DecisionApplied & { listsMissed: boolean } {
  let remote = false;
  for (const [, detail] of client.getQueriesData<PairDetail>({ queryKey: pairKeys.detailAll(event.pairId) })) {
    if (detail && (detail.decision?.version ?? 0) < event.version) remote = true;
  }
  if (remote) void client.invalidateQueries({ queryKey: pairKeys.detailAll(event.pairId) });
  void client.invalidateQueries({ queryKey: pairKeys.history(event.pairId) });

  let listsMissed = false;
  let anyList = false;
  client.setQueriesData<InfiniteData<PairList>>({ queryKey: pairKeys.lists() }, (data) => {
    if (!data) return data;
    anyList = true;
    const found = { row: false };
    const patched = patchRows(data, event, found);
    if (!found.row) listsMissed = true;
    if (patched !== data) remote = true;
    return patched;
  });
  return { remote, listsMissed: anyList && listsMissed };
}

/**
 * After a comment: the queues filtered by discussion or mentions may gain the pair (other lists
 * and their counts do not depend on comments, so they are left alone).
 */
export function invalidateThreadLists(client: QueryClient): void {
  void client.invalidateQueries({
    queryKey: pairKeys.lists(),
    predicate: (query) => {
      const filters = query.queryKey[2] as PairFilter | undefined;
      return filters?.discussion !== undefined || filters?.mentions !== undefined;
    },
  });
}

/** Batches invalidations of counts: fifty reviewers deciding make one refetch per window. */
export function createInvalidator(client: QueryClient, delayMs = 400) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lists = false;
  let all = false;
  const flush = () => {
    timer = null;
    if (all) {
      void client.invalidateQueries({ queryKey: pairKeys.all });
      void client.invalidateQueries({ queryKey: splitKeys.all });
    } else if (lists) {
      // Lists holding a row not loaded yet: their counts are stale.
      void client.invalidateQueries({ queryKey: pairKeys.lists() });
    }
    void client.invalidateQueries({ queryKey: statsKeys.all });
    void client.invalidateQueries({ queryKey: insightsKeys.all });
    lists = false;
    all = false;
  };
  const schedule = () => {
    timer ??= setTimeout(flush, delayMs);
  };
  return {
    counts(withLists: boolean) {
      lists ||= withLists;
      schedule();
    },
    /** After an import or a reconnect: everything may have changed. */
    everything() {
      all = true;
      schedule();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
