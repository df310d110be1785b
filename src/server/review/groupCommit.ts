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
    // The store commits the batch and resolves once it is durable (SQLite syncs its WAL off the
    // event loop, so a slow disk does not stall every other request).
    let saving: Promise<BatchDecisionResult[]>;
    try {
      saving = store.saveDecisions(batch.map((w) => w.request));
    } catch (error) {
      saving = Promise.reject(error);
    }
    saving.then(
      (results) => batch.forEach((waiting, i) => settle(waiting, results[i])),
      // The transaction or its sync failed (disk full, database locked): no request of the batch is acknowledged.
      (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
    );
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
