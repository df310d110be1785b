// StrykerJS configuration; `npm run test:mutation` (scripts/mutation.mjs) runs it one module group
// at a time, passing the files to mutate and the tests to run for each.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants, tables) rerun every test of the group per mutant: hours
  // on this machine. They are left out of the score (reported as ignored).
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: process.env.MMR_MUTATION_REPORT ?? "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // The machine is small and shared: two processes at most.
  concurrency: 2,
  timeoutMS: 5000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignorePatterns: [".stryker-tmp", "dist", "reports", "e2e", "test-results", "playwright-report", "docs"],
};
