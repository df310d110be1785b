import { useQueryClient } from "@tanstack/react-query";
import type { Decision, DecisionInput } from "../../shared/domain";
import { ConflictError } from "../api/errors";
import { useReviewerStore } from "../app/reviewerStore";
import { showToast } from "../lib/toastStore";
import { cachedDetail } from "./decisionCache";
import { newIdempotencyKey } from "./submitDecision";
import { useUndoStore, type UndoEntry } from "./undoStore";
import { useDecisionMutation } from "./useDecisionMutation";

function restoreInput(before: Decision | null, reviewer: string, baseVersion: number): DecisionInput {
  if (!before) return { status: "pending", reasons: [], note: "", edits: null, reviewer, baseVersion };
  return { status: before.status, reasons: before.reasons, note: before.note, edits: before.edits, reviewer, baseVersion };
}

const LOOKUP_CHUNK = 1000;

/** Current decision versions of the pairs: from the server, else from the cache when offline. */
async function currentVersions(client: ReturnType<typeof useQueryClient>, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    // Loaded on the first bulk undo: the insights schemas stay out of the initial bundle.
    const { lookupDecisions } = await import("../api/insightsClient");
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const found = await lookupDecisions(ids.slice(i, i + LOOKUP_CHUNK));
      for (const id of ids.slice(i, i + LOOKUP_CHUNK)) out.set(id, found[id]?.version ?? 0);
    }
  } catch {
    for (const id of ids) out.set(id, cachedDetail(client, id)?.decision?.version ?? -1);
  }
  return out;
}

/** Waits (up to a few seconds) until our own writes to these pairs have been answered. */
async function writesSettled(client: ReturnType<typeof useQueryClient>, ids: readonly string[]): Promise<void> {
  const wanted = new Set(ids);
  const busy = () =>
    client
      .getMutationCache()
      .findAll({ status: "pending" })
      .some((m) => wanted.has((m.state.variables as { pairId?: string } | undefined)?.pairId ?? ""));
  for (let waited = 0; busy() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

function describe(entry: UndoEntry): string {
  const first = entry.items[0];
  return entry.items.length === 1 && first ? `${first.pairId} is ${first.before?.status ?? "pending"} again` : entry.label.toLowerCase();
}

/**
 * Undoes the last action of the shared stack. Pairs someone changed since are left alone and
 * counted; the message says what was saved, only once the server (or the offline queue) answered.
 */
export function useUndo() {
  const client = useQueryClient();
  const mutation = useDecisionMutation();
  return async (onUndoing?: (entry: UndoEntry) => void): Promise<void> => {
    const reviewer = useReviewerStore.getState().name;
    if (!reviewer) return;
    const entry = useUndoStore.getState().actionUndone();
    if (!entry) {
      showToast("info", "Nothing to undo.");
      return;
    }
    onUndoing?.(entry);
    await writesSettled(client, entry.items.map((i) => i.pairId));
    const versions = await currentVersions(client, entry.items.map((i) => i.pairId));
    const writes = entry.items.filter((item) => {
      const now = versions.get(item.pairId);
      // -1: offline and not cached; try, the server refuses a stale version with a conflict.
      return now === item.version || now === -1;
    });
    const changed = entry.items.length - writes.length;
    const results = await Promise.allSettled(
      writes.map((item) =>
        mutation.mutateAsync({ pairId: item.pairId, input: restoreInput(item.before, reviewer, item.version), key: newIdempotencyKey() }),
      ),
    );
    const conflicts = results.filter((r) => r.status === "rejected" && r.reason instanceof ConflictError).length;
    const failed = results.filter((r) => r.status === "rejected").length - conflicts;
    const queued = results.filter((r) => r.status === "fulfilled" && r.value.kind === "queued").length;
    const saved = results.length - conflicts - failed;
    const notes: string[] = [];
    if (changed + conflicts > 0) notes.push(`${changed + conflicts} changed by someone since and ${changed + conflicts === 1 ? "was" : "were"} left as ${changed + conflicts === 1 ? "it is" : "they are"}`);
    if (failed > 0) notes.push(`${failed} could not be saved`);
    if (queued > 0) notes.push(`${queued} will be sent once the server is reachable`);
    if (saved === 0) {
      showToast("error", `Not undone: ${entry.items.length === 1 ? entry.items[0]!.pairId : entry.label.toLowerCase()} — ${notes.join("; ") || "nothing was saved"}.`);
      return;
    }
    const what = saved === entry.items.length ? describe(entry) : `${saved} of ${entry.items.length} pairs put back`;
    showToast(notes.length > 0 ? "error" : "info", `Undone: ${what}.${notes.length > 0 ? ` ${notes.join("; ")}.` : ""}`);
  };
}
