import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vite.config";

/*
 * The unit-test config for mutation testing (scripts/mutation.mjs): only the tests of the module
 * group under mutation (MMR_MUTATION_TESTS, comma-separated globs), so each mutant runs in
 * seconds, not the whole suite's minutes.
 */
const include = (process.env.MMR_MUTATION_TESTS ?? "src/shared/**/*.test.ts").split(",");

export default mergeConfig(base, defineConfig({ test: { include, exclude: ["**/node_modules/**", "**/.stryker-tmp/**"] } }));
