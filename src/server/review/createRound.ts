import { can } from "../../shared/roles";
import { planRound, type RoundCreate, type Round } from "../../shared/rounds";
import type { ReviewStore } from "../storage/store";

/*
 * Creating a review round (issue 11), shared by `POST /api/rounds` and `mmr-review rounds create`:
 * checks the pool against the accounts (when there are any), lists the filter's pairs in dataset
 * order, plans which pairs get the overlap (seeded, so a round can be rebuilt) and stores it.
 */

const PAGE = 1000;

export type CreateRoundOutcome =
  | { kind: "created"; round: Round; skipped: number }
  | { kind: "no_split" }
  | { kind: "invalid_reviewers"; message: string }
  | { kind: "empty" };

export interface CreateRoundContext {
  /** Who creates it: the signed-in user, or "solo". */
  createdBy: string;
  now: Date;
  /** Whether the database has users: then every reviewer must be one who may vote. */
  accounts: boolean;
}

/** The default name: "val ×2 (10 %)". */
export function defaultRoundName(input: Pick<RoundCreate, "split" | "overlap" | "share">): string {
  return `${input.split} ×${input.overlap}${input.overlap > 1 && input.share < 1 ? ` (${Math.round(input.share * 100)} %)` : ""}`;
}

export async function createRound(store: ReviewStore, input: RoundCreate, context: CreateRoundContext): Promise<CreateRoundOutcome> {
  if (!(await store.getSplit(input.split))) return { kind: "no_split" };
  if (context.accounts) {
    const users = new Map((await store.accounts().listUsers()).map((u) => [u.name, u]));
    const unknown = input.reviewers.filter((name) => !users.has(name));
    if (unknown.length > 0) return { kind: "invalid_reviewers", message: `reviewers: no user named ${unknown.map((n) => JSON.stringify(n)).join(", ")}` };
    const cannot = input.reviewers.filter((name) => !can(users.get(name)!.role, "vote"));
    if (cannot.length > 0) return { kind: "invalid_reviewers", message: `reviewers: ${cannot.join(", ")} may not vote (viewer)` };
  }
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listPairs({ ...input.filter, split: input.split, sort: "dataset", limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) ids.push(item.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (ids.length === 0) return { kind: "empty" };
  const createdAt = context.now.toISOString();
  const seed = input.seed ?? `round-${createdAt}`;
  const plan = planRound(ids, { overlap: input.overlap, share: input.share, seed });
  const created = await store.rounds().create({
    name: input.name ?? defaultRoundName(input),
    split: input.split,
    filter: input.filter,
    overlap: input.overlap,
    share: input.overlap === 1 ? 1 : input.share,
    seed,
    blind: input.blind,
    reviewers: input.reviewers,
    createdBy: context.createdBy,
    createdAt,
    slots: ids.map((pairId, i) => ({ pairId, needed: plan[i]! })),
  });
  return { kind: "created", ...created };
}
