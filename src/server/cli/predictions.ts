import type { Command } from "commander";
import { UserError } from "../errors";
import { importPredictions } from "../predictions/importPredictions";
import { openStore, requireDatabaseTarget } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { createProgress, formatCount } from "./progress";

/* `mmr-review predictions import|list|remove`: a model's masks per split, for eval and review. */

interface DbOption {
  db?: string;
}

async function withStore<T>(db: string | undefined, work: (store: ReviewStore) => Promise<T> | T): Promise<T> {
  const store = await openStore(requireDatabaseTarget(db), { mustExist: "(import the split first)" });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function registerPredictions(program: Command): void {
  const predictions = program.command("predictions").description("import, list and remove model predictions (JSON Lines, one line per pair)");

  predictions
    .command("import")
    .description("import a model's predictions for a split: all or nothing; a bad line stops it, naming the line")
    .option("--db <file|url>", "the review database: a SQLite file or a postgres:// URL (default: $MMR_DATABASE_URL)")
    .requiredOption("--split <name>", "the split the predictions answer")
    .requiredOption("--model <name>", "a name for the model (re-importing it replaces it)")
    .argument("<file>", "the prediction file (JSON Lines)")
    .action(async (file: string, opts: DbOption & { split: string; model: string }) => {
      await withStore(opts.db, async (store) => {
        const progress = createProgress(`predictions ${opts.model}`);
        const result = await importPredictions(store, {
          split: opts.split,
          model: opts.model,
          file,
          onProgress: (lines) => progress.update({ fraction: null, bytes: 0, detail: `${formatCount(lines)} pairs` }),
        });
        progress.finish();
        process.stdout.write(`${file}: imported ${formatCount(result.pairs)} predictions of model ${opts.model} for split ${opts.split}\n`);
      });
    });

  predictions
    .command("list")
    .description("the imported models, per split, with their pair count and mean pair IoU")
    .option("--db <file|url>", "the review database: a SQLite file or a postgres:// URL (default: $MMR_DATABASE_URL)")
    .option("--split <name>", "one split only")
    .option("--json", "print JSON")
    .action(async (opts: DbOption & { split?: string; json?: boolean }) => {
      await withStore(opts.db, async (store) => {
        const models = await store.predictions().listModels(opts.split);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ models })}\n`);
          return;
        }
        if (models.length === 0) {
          process.stdout.write("no predictions imported\n");
          return;
        }
        for (const m of models) {
          const mean = m.meanIou === null ? "-" : (m.meanIou * 100).toFixed(1);
          process.stdout.write(`${m.split}  ${m.model}  ${formatCount(m.pairs)} pairs  mean pair IoU ${mean}  (${m.sourceFile}, ${m.importedAt})\n`);
        }
      });
    });

  predictions
    .command("remove")
    .description("remove a model's predictions for a split")
    .option("--db <file|url>", "the review database: a SQLite file or a postgres:// URL (default: $MMR_DATABASE_URL)")
    .requiredOption("--split <name>", "the split")
    .requiredOption("--model <name>", "the model")
    .action(async (opts: DbOption & { split: string; model: string }) => {
      await withStore(opts.db, async (store) => {
        if (!(await store.predictions().removeModel(opts.split, opts.model))) {
          throw new UserError(`no model ${opts.model} for split ${opts.split}`);
        }
        process.stdout.write(`removed model ${opts.model} of split ${opts.split}\n`);
      });
    });
}
