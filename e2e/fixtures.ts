import { test as base } from "@playwright/test";
import { startServer, type RunningServer } from "./server";

/**
 * `server`: a real `mmr-review serve` on the sample data with its own fresh database, started for
 * each test so decisions made by one test never leak into another. `page` navigates relative to it.
 */
export const test = base.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    // MMR_E2E_SERVE_ARGS: run the suite against another split (e.g. `--data other/MMR_sample.json`).
    const server = await startServer(process.env.MMR_E2E_SERVE_ARGS?.split(" ").filter(Boolean) ?? []);
    await use(server);
    await server.stop();
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect } from "@playwright/test";
