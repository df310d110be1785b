import type { Command } from "commander";
import type { Stats, StatusCounts } from "../../shared/api";
import { UserError } from "../errors";
import { openStore, requireDatabaseTarget } from "../storage/open";
import { formatCount } from "./progress";

interface StatsCliOptions {
  db?: string;
  json?: boolean;
  split?: string;
}

function statusLine(c: StatusCounts): string {
  return `pending ${formatCount(c.pending)} · accepted ${formatCount(c.accepted)} · rejected ${formatCount(c.rejected)}`;
}

function table(rows: [string, string][], indent = "  "): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`);
}

export function formatStats(stats: Stats): string {
  const lines: string[] = [];
  lines.push(`${formatCount(stats.total)} pairs in ${stats.splits.length} split${stats.splits.length === 1 ? "" : "s"}: ${statusLine(stats.byStatus)}`);
  lines.push("", "by split");
  lines.push(
    ...table(stats.splits.map((s) => [s.name, `${formatCount(s.pairs)} pairs, ${formatCount(s.images)} images: ${statusLine(s.byStatus)}`])),
  );
  lines.push("", "by granularity");
  lines.push(...table(Object.entries(stats.byGranularity).map(([g, c]) => [g, `${formatCount(c.pending + c.accepted + c.rejected)}: ${statusLine(c)}`])));
  lines.push("", "by flag");
  const flags = Object.entries(stats.byFlag).filter(([, c]) => c.pending + c.accepted + c.rejected > 0);
  lines.push(...(flags.length ? table(flags.map(([f, c]) => [f, `${formatCount(c.pending + c.accepted + c.rejected)}: ${statusLine(c)}`])) : ["  (no flagged pairs)"]));
  lines.push("", "by reason");
  const reasons = Object.entries(stats.byReason);
  lines.push(...(reasons.length ? table(reasons.map(([r, n]) => [r, formatCount(n)])) : ["  (none)"]));
  lines.push("", "by reviewer (decided pairs)");
  const reviewers = Object.entries(stats.byReviewer);
  lines.push(...(reviewers.length ? table(reviewers.map(([r, n]) => [r, formatCount(n)])) : ["  (none)"]));
  lines.push("", "targets per pair");
  const histogram = Object.entries(stats.targetHistogram).sort(([a], [b]) => Number(a) - Number(b));
  lines.push(...table(histogram.map(([k, n]) => [k, formatCount(n)])));
  return lines.join("\n");
}

export async function runStats(options: StatsCliOptions): Promise<void> {
  const store = await openStore(requireDatabaseTarget(options.db), { mustExist: true });
  try {
    if (options.split !== undefined && !(await store.getSplit(options.split))) throw new UserError(`--split ${options.split}: no such split`);
    const stats = await store.stats(options.split);
    process.stdout.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : `${formatStats(stats)}\n`);
  } finally {
    await store.close();
  }
}

export function registerStats(program: Command): void {
  program
    .command("stats")
    .description("counts by split, status, granularity, flag, reason and reviewer")
    .option("--db <file|url>", "review database: a SQLite file or a postgres:// URL (default: $MMR_DATABASE_URL)")
    .option("--split <name>", "count only this split")
    .option("--json", "print the counts as JSON (the /api/stats shape)")
    .action(async (options: StatsCliOptions) => runStats(options));
}
