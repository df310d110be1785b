import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vite.config";

/*
 * The unit-test config for mutation testing (scripts/mutation.mjs): only the tests of the module
 * group under mutation (MMR_MUTATION_TESTS, comma-separated globs), so each mutant runs in
 * seconds, not the whole suite's minutes.
 */
const include = (process.env.MMR_MUTATION_TESTS ?? "src/shared/**/*.test.ts").split(",");

const config = mergeConfig(base, defineConfig({ test: { exclude: ["**/node_modules/**", "**/.stryker-tmp/**"] } }));
// Replace, not merge: mergeConfig would append these globs to the full suite's.
config.test = { ...config.test, include };
export default config;
