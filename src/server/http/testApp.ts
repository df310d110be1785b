import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { exportChunks } from "../export/exportChunks";
import { importSplit } from "../import/importSplit";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { createApp, type AppOptions } from "./app";
import { writeFixture, type FixtureFiles } from "./testFixture";

export interface TestApp {
  app: Hono;
  store: ReviewStore;
  dir: string;
  files: FixtureFiles;
  close(): Promise<void>;
}

/** A fresh database in a temp folder with the tiny fixture imported, and the app over it. */
export async function createTestApp(overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "mmr-api-"));
  const files = writeFixture(dir);
  const store = await openStore(join(dir, "review.db"));
  await importSplit(store, files.splitFile, { imagesDir: files.imagesDir });
  const app = createApp({
    store,
    imagesDirs: [files.imagesDir],
    clientDir: null,
    streamExport: (split, options) => exportChunks(store, split, options),
    logError: () => {},
    ...overrides,
  });
  return {
    app,
    store,
    dir,
    files,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** JSON request helpers reading like what a client does. */
export function putDecision(app: Hono, id: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    app.request(`/api/pairs/${encodeURIComponent(id)}/decision`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}
