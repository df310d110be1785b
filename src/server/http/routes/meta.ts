import { Hono } from "hono";
import { z } from "zod";
import { splitNameSchema } from "../../../shared/domain";
import type { ReviewStore } from "../../storage/store";
import { HttpError, parseOr400 } from "../httpError";

const statsQuerySchema = z.object({ split: splitNameSchema.optional() });

/** Health, splits and stats: small read-only endpoints the dashboard and probes use. */
export function metaRoutes(store: ReviewStore): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/splits", async (c) => c.json({ splits: await store.listSplits() }));
  // `?split=name` narrows every count to that split; without it the counts cover every split.
  app.get("/stats", async (c) => {
    const { split } = parseOr400(statsQuerySchema, c.req.query(), "invalid_query");
    if (split !== undefined && !(await store.getSplit(split))) throw new HttpError(404, "split_not_found", `no split named ${JSON.stringify(split)}`);
    return c.json(await store.stats(split));
  });
  return app;
}
