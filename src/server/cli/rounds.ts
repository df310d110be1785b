import type { Command } from "commander";
import { roundCreateSchema, type Round } from "../../shared/rounds";
import { UserError } from "../errors";
import { describeZodError } from "../http/httpError";
import { createRound } from "../review/createRound";
import { databaseTarget, openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { formatCount } from "./progress";
import { DEFAULT_DB } from "./serve";

/*
 * `mmr-review rounds list|create` (issue 11): review rounds from a shell, through the same store
 * function as `POST /api/rounds`. Names come from the database and are printed quoted.
 */

interface DbOption {
  db?: string;
}

interface CreateOptions extends DbOption {
  split: string;
  overlap: string;
  share?: string;
  reviewers: string;
  name?: string;
  seed?: string;
  blind: boolean;
  status?: string;
  granularity?: string;
  minTargets?: string;
  maxTargets?: string;
  category?: string;
  flag?: string;
  reviewer?: string;
  reason?: string;
  q?: string;
}

async function withStore<T>(db: string | undefined, work: (store: ReviewStore) => Promise<T>): Promise<T> {
  const store = await openStore(databaseTarget(db, DEFAULT_DB)!, { mustExist: "(run mmr-review import first, or pass --db)" });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A whole number option, or a one-line error naming it. */
function wholeNumber(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new UserError(`${flag} ${JSON.stringify(raw)}: not a whole number`);
  return Number(raw);
}

/** `0.1`, `10%` or `10 %`: a fraction between 0 and 1. */
function share(raw: string): number {
  const text = raw.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 1)) throw new UserError(`--share ${JSON.stringify(raw)}: a fraction from 0 to 1 (0.1) or a percentage (10%)`);
  return value;
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}

/** One line of `rounds list`. */
export function formatRoundLine(round: Round, progress: { votesCast: number; votesNeeded: number; byState: Record<string, number> } | null): string {
  const counts = progress
    ? `${formatCount(progress.votesCast)}/${formatCount(progress.votesNeeded)} votes (agreed ${formatCount(progress.byState.agreed ?? 0)}, to adjudicate ${formatCount(progress.byState.adjudication ?? 0)}, resolved ${formatCount(progress.byState.resolved ?? 0)}, open ${formatCount(progress.byState.open ?? 0)})`
    : "n/a";
  return [
    `${round.id}`,
    `split ${round.split}`,
    JSON.stringify(round.name),
    `overlap ${round.overlap}`,
    `share ${pct(round.share)}`,
    `pool ${round.reviewers.map((r) => JSON.stringify(r)).join(",")}`,
    `${formatCount(round.pairs)} pair${round.pairs === 1 ? "" : "s"}`,
    `progress ${counts}`,
    ...(round.closed ? ["closed"] : []),
  ].join("  ");
}

export function registerRounds(program: Command): void {
  const rounds = program.command("rounds").description("review rounds: pairs of a queue handed to a pool of reviewers, with overlap");
  const db = (command: Command) => command.option("--db <file|url>", `review database: a SQLite file or a postgres:// URL (default: $MMR_DATABASE_URL, else ${DEFAULT_DB})`);

  db(rounds.command("list"))
    .description("one line per round: id, split, name, overlap, share, pool, pairs, progress")
    .option("--split <name>", "only the rounds of this split")
    .action(async (options: DbOption & { split?: string }) => {
      await withStore(options.db, async (store) => {
        if (options.split !== undefined && !(await store.getSplit(options.split))) throw new UserError(`--split ${options.split}: no such split`);
        const list = (await store.rounds().list()).filter((r) => options.split === undefined || r.split === options.split);
        if (list.length === 0) return say("no review rounds");
        for (const round of list) say(formatRoundLine(round, await store.rounds().counts(round.id)));
        return undefined;
      });
    });

  db(rounds.command("create"))
    .description("create a round over the pairs of a split that match the filters (as the Rounds screen does)")
    .requiredOption("--split <name>", "the split")
    .requiredOption("--overlap <k>", "votes per doubled pair (1–10)")
    .option("--share <fraction>", "fraction of the pairs that get k votes, the rest 1 (0.1 or 10%; default all)")
    .requiredOption("--reviewers <names>", "the pool, comma-separated user names")
    .option("--name <text>", "the round's name (default: split ×k (share))")
    .option("--seed <text>", "seed of which pairs get k votes (default: from the creation time)")
    .option("--no-blind", "let reviewers see the others' votes before voting")
    .option("--status <status>", "filter: pending, accepted or rejected")
    .option("--granularity <g>", "filter: object, part or mixed")
    .option("--min-targets <n>", "filter: at least n targets")
    .option("--max-targets <n>", "filter: at most n targets")
    .option("--category <name>", "filter: a target of this category (chair, chair:leg)")
    .option("--flag <flag>", "filter: pairs with this flag")
    .option("--reviewer <name>", "filter: pairs last decided by this reviewer")
    .option("--reason <code>", "filter: pairs whose decision gives this reason")
    .option("--q <text>", "filter: text search over question and answer")
    .action(async (options: CreateOptions) => {
      const filter = {
        ...(options.status !== undefined ? { status: options.status } : {}),
        ...(options.granularity !== undefined ? { granularity: options.granularity } : {}),
        ...(options.minTargets !== undefined ? { minTargets: wholeNumber("--min-targets", options.minTargets) } : {}),
        ...(options.maxTargets !== undefined ? { maxTargets: wholeNumber("--max-targets", options.maxTargets) } : {}),
        ...(options.category !== undefined ? { category: options.category } : {}),
        ...(options.flag !== undefined ? { flag: options.flag } : {}),
        ...(options.reviewer !== undefined ? { reviewer: options.reviewer } : {}),
        ...(options.reason !== undefined ? { reason: options.reason } : {}),
        ...(options.q !== undefined ? { q: options.q } : {}),
      };
      const parsed = roundCreateSchema.safeParse({
        split: options.split,
        overlap: wholeNumber("--overlap", options.overlap),
        ...(options.share !== undefined ? { share: share(options.share) } : {}),
        reviewers: options.reviewers
          .split(",")
          .map((name) => name.trim())
          .filter((name) => name !== ""),
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        blind: options.blind,
        filter,
      });
      if (!parsed.success) throw new UserError(describeZodError(parsed.error));
      const input = parsed.data;
      await withStore(options.db, async (store) => {
        const outcome = await createRound(store, input, { createdBy: "cli", now: new Date(), accounts: await store.accounts().hasUsers() });
        switch (outcome.kind) {
          case "no_split":
            throw new UserError(`--split ${input.split}: no such split`);
          case "invalid_reviewers":
            throw new UserError(`--${outcome.message}`);
          case "empty":
            throw new UserError(`the filter matches no pair of split ${input.split}`);
          case "created": {
            say(formatRoundLine(outcome.round, await store.rounds().counts(outcome.round.id)));
            if (outcome.skipped > 0) say(`${formatCount(outcome.skipped)} pair${outcome.skipped === 1 ? "" : "s"} left out: already in an unfinished slot of another open round`);
          }
        }
      });
    });
}
