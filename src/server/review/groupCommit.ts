import type { BatchDecisionResult, ReviewStore, SaveDecisionRequest, SaveDecisionResult } from "../storage/store";

/*
 * Group commit for decision writes. A durable commit (WAL fsync, synchronous=FULL) costs a few
 * milliseconds on this kind of disk, far more than the write itself; with 50 reviewers saving at
 * once, one commit each would queue them behind each other's fsyncs. Decisions that arrive in the
 * same turn of the event loop are saved in one transaction instead, and every request is answered
 * only after that transaction committed — so batching never acknowledges a write it could lose.
 */

export interface DecisionCommitter {
  save(request: SaveDecisionRequest): Promise<SaveDecisionResult>;
}

interface Waiting {
  request: SaveDecisionRequest;
  resolve(result: SaveDecisionResult): void;
  reject(error: unknown): void;
}

/** Bounds the time one batch holds the event loop. */
const MAX_BATCH = 256;

export function createGroupCommitter(store: ReviewStore): DecisionCommitter {
  const saveMany = store.saveDecisions?.bind(store);
  if (!saveMany) return { save: async (request) => store.saveDecision(request) };
  // Commits at once and syncs the disk off the event loop when the store can (SQLite's WAL).
  const saveManyDurably = store.saveDecisionsDurably?.bind(store);

  let queue: Waiting[] = [];
  let scheduled = false;

  const settle = (waiting: Waiting, result: BatchDecisionResult | undefined): void => {
    if (!result) waiting.reject(new Error("the store returned no result for a decision"));
    else if (result.kind === "failed") waiting.reject(result.error);
    else waiting.resolve(result);
  };

  const flush = (): void => {
    scheduled = false;
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(batch.length);
    if (queue.length > 0) schedule();
    const requests = batch.map((w) => w.request);
    if (saveManyDurably) {
      saveManyDurably(requests).then(
        (results) => batch.forEach((waiting, i) => settle(waiting, results[i])),
        // The transaction or its sync failed: no request of the batch is acknowledged.
        (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
      );
      return;
    }
    let results: BatchDecisionResult[];
    try {
      results = saveMany(requests);
    } catch (error) {
      // The transaction itself failed (disk full, database locked): nothing in it was saved.
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => settle(waiting, results[i]));
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after the poll phase: every request read in this turn joins the batch.
    setImmediate(flush);
  };

  return {
    save(request) {
      return new Promise<SaveDecisionResult>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        schedule();
      });
    },
  };
}
