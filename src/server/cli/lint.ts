import type { Command } from "commander";

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("run the automatic checks over a split without a database; exits 1 when any pair is flagged")
    .argument("<file>", "an MMR split (JSON array of image records)")
    .option("--images <dir>", "images folder, to check that every image exists")
    .option("--json", "print one JSON object with every pair and its flags")
    .action(async () => {
      throw new Error("lint is not implemented yet");
    });
}
