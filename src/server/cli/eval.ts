import type { Command } from "commander";
import { formatEvalTable } from "../../shared/evaluate";
import { UserError } from "../errors";
import { evalFiles } from "../eval/evalFiles";
import { evalDb } from "../eval/evalDb";
import { databaseTarget, openStore } from "../storage/open";

interface EvalCliOptions {
  db?: string;
  split?: string;
  model?: string;
  status?: string;
  compare?: boolean;
  json?: boolean;
}

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("gIoU and cIoU as the official validate() computes them, by object-only, part-only, mixed and all pairs")
    .argument("[split]", "an MMR split file (file form: no database)")
    .argument("[predictions]", "a prediction file (JSON Lines)")
    .option("--db <file|url>", "score a model imported into this database (SQLite file or postgres:// URL; default without files: $MMR_DATABASE_URL)")
    .option("--split <name>", "the split in the database")
    .option("--model <name>", "the imported model")
    .option("--status <which>", "accepted (the cleaned split, default) or all (accepted and pending)", "accepted")
    .option("--compare", "raw split vs cleaned split side by side")
    .option("--json", "print one JSON object")
    .action(async (splitFile: string | undefined, predictionFile: string | undefined, opts: EvalCliOptions) => {
      process.stdout.write(await runEval(splitFile, predictionFile, opts));
    });
}

export async function runEval(splitFile: string | undefined, predictionFile: string | undefined, opts: EvalCliOptions): Promise<string> {
  // Two files score the file form; without them the database is --db, else MMR_DATABASE_URL.
  const db = opts.db ?? (splitFile || predictionFile ? null : databaseTarget(undefined));
  if (db === null) {
    if (!splitFile || !predictionFile) {
      throw new UserError("eval needs SPLIT.json PRED.jsonl, or --db FILE --split NAME --model NAME");
    }
    const result = await evalFiles(splitFile, predictionFile);
    if (opts.json) return `${JSON.stringify(result)}\n`;
    return `${result.split} · ${result.predictions}\n${formatEvalTable([{ title: "", report: result.report }])}`;
  }
  if (splitFile || predictionFile) throw new UserError("eval --db reads the split and the model from the database: give no files");
  if (!opts.split || !opts.model) throw new UserError("eval --db needs --split NAME and --model NAME");
  if (opts.status !== "accepted" && opts.status !== "all") throw new UserError(`--status ${opts.status}: use accepted or all`);
  const store = await openStore(db, { mustExist: true });
  try {
    const result = await evalDb(store, opts.split, opts.model, { includePending: opts.status === "all", compare: opts.compare ?? false });
    if (opts.json) return `${JSON.stringify(result)}\n`;
    const columns = [{ title: opts.status === "all" ? "cleaned (accepted + pending)" : "cleaned (accepted)", report: result.cleaned }];
    if (result.raw) columns.unshift({ title: "raw (as imported)", report: result.raw });
    return `${opts.split} · model ${opts.model}\n${formatEvalTable(columns)}`;
  } finally {
    await store.close();
  }
}
