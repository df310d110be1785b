import type { Command } from "commander";
import type { Stats, StatusCounts } from "../../shared/api";
import { UserError } from "../errors";
import { agreementReport, type AgreementReport, type Kappa } from "../../shared/agreement";
import type { Round } from "../../shared/rounds";
import { openStore, requireDatabaseTarget } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { formatCount } from "./progress";

interface StatsCliOptions {
  db?: string;
  json?: boolean;
  split?: string;
  agreement?: boolean;
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

const num = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
const pct = (x: number | null) => (x === null ? "n/a" : `${Math.round(x * 100)} %`);
const kappaText = (k: Kappa) => `${num(k.kappa)} (${formatCount(k.n)} pair${k.n === 1 ? "" : "s"})`;

/** The agreement of one round as `stats --agreement` prints it. */
export function formatAgreement(round: Round, report: AgreementReport): string {
  const lines = [`round ${round.id} ${JSON.stringify(round.name)}: split ${round.split}, overlap ${round.overlap}, ${formatCount(report.pairs)} of ${formatCount(round.pairs)} pairs with two votes or more`];
  if (report.pairs === 0) return [...lines, "  (no pair has two votes yet)"].join("\n");
  const byGranularity = Object.entries(report.fleissByGranularity).map(([g, k]) => `${g} ${kappaText(k)}`);
  lines.push(`  Fleiss' kappa  ${kappaText(report.fleiss)}${byGranularity.length ? ` · ${byGranularity.join(" · ")}` : ""}`);
  lines.push("  Cohen's kappa per pair of reviewers");
  lines.push(
    ...table(
      report.reviewerPairs.map((p) => [
        `${p.a} – ${p.b}`,
        `${kappaText(p.all)}, ${formatCount(p.disagreeing.length)} disagreeing${Object.keys(p.byGranularity).length > 1 ? ` · ${Object.entries(p.byGranularity).map(([g, k]) => `${g} ${num(k.kappa)}`).join(" · ")}` : ""}`,
      ]),
      "    ",
    ),
  );
  lines.push(`  reasons (both reject)  mean Jaccard ${num(report.reasons.meanJaccard)}, identical ${pct(report.reasons.identical)} of ${formatCount(report.reasons.comparisons)}`);
  lines.push(`  targets (both accept)  mean Jaccard ${num(report.targets.meanJaccard)}, identical ${pct(report.targets.identical)} of ${formatCount(report.targets.comparisons)}`);
  lines.push(`  disagreeing pairs (${formatCount(report.disagreeing.length)}): ${report.disagreeing.slice(0, 20).join(" ")}${report.disagreeing.length > 20 ? " …" : ""}`);
  return lines.join("\n");
}

async function printAgreement(store: ReviewStore, options: StatsCliOptions): Promise<void> {
  const rounds = (await store.rounds().list()).filter((r) => options.split === undefined || r.split === options.split);
  const reports = [];
  for (const round of rounds) {
    const slots = await store.rounds().votes(round.id);
    reports.push({ round, agreement: agreementReport(slots.map((s) => ({ pairId: s.pairId, votes: s.votes }))) });
  }
  if (options.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else process.stdout.write(reports.length ? `${reports.map((r) => formatAgreement(r.round, r.agreement)).join("\n\n")}\n` : "no review rounds\n");
}

export async function runStats(options: StatsCliOptions): Promise<void> {
  const store = await openStore(requireDatabaseTarget(options.db), { mustExist: true });
  try {
    if (options.split !== undefined && !(await store.getSplit(options.split))) throw new UserError(`--split ${options.split}: no such split`);
    if (options.agreement) return await printAgreement(store, options);
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
    .option("--agreement", "inter-reviewer agreement of every review round (Cohen's and Fleiss' kappa, reasons, targets)")
    .action(async (options: StatsCliOptions) => runStats(options));
}
