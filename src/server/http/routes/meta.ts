import { Hono } from "hono";
import type { ReviewStore } from "../../storage/store";

/** Health, splits and stats: small read-only endpoints the dashboard and probes use. */
export function metaRoutes(store: ReviewStore): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/splits", (c) => c.json({ splits: store.listSplits() }));
  app.get("/stats", (c) => c.json(store.stats()));
  return app;
}
