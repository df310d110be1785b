import { Command, CommanderError } from "commander";
import { registerExport } from "./export";
import { registerImport } from "./import";
import { registerLint } from "./lint";
import { registerServe } from "./serve";
import { registerStats } from "./stats";
import { registerEval } from "./eval";
import { registerPredictions } from "./predictions";
import { registerMigrate } from "./migrate";
import { registerUsers } from "./users";
import { registerTokens } from "./tokens";
import { registerRounds } from "./rounds";
import { UserError } from "../errors";

/** Builds the `mmr-review` program; every command lives in its own file and registers itself. */
export function buildProgram(): Command {
  const program = new Command("mmr-review")
    .description("Review machine-generated MMR reasoning-segmentation data and export a cleaned split.")
    .showHelpAfterError();
  registerLint(program);
  registerServe(program);
  registerImport(program);
  registerExport(program);
  registerStats(program);
  registerEval(program);
  registerPredictions(program);
  registerMigrate(program);
  registerUsers(program);
  registerTokens(program);
  registerRounds(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof UserError) {
      // Operational errors carry a one-line message meant for the user; no stack trace.
      process.stderr.write(`mmr-review: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code) && error instanceof Error) {
      // A file-system failure the user can fix (unreadable input, unwritable output…): one line.
      process.stderr.write(`mmr-review: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
