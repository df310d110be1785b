import { Hono } from "hono";
import { z } from "zod";
import { pairFilterSchema } from "../../shared/api";
import { splitNameSchema } from "../../shared/domain";
import {
  MAX_THUMB_IDS,
  decisionLookupBodySchema,
  exportPreviewQuerySchema,
  sampleQuerySchema,
  type Sample,
} from "../../shared/insightsApi";
import { seededSample } from "../../shared/sampling";
import { decisionLogChunks } from "../export/exportChunks";
import type { ReviewStore } from "../storage/store";
import { thumbView } from "../review/pairView";
import { downloadResponse } from "./download";
import { HttpError, parseOr400 } from "./httpError";
import { readJsonBody } from "./readBody";

/** 5,000 ids of at most 200 characters, quoted and comma-separated, fit with room to spare. */
export const MAX_LOOKUP_BYTES = 1_310_720;

/* `/api/insights/*`: aggregates and batch reads for the gallery, dashboard and export screens. */

const idsQuerySchema = z.object({
  ids: z
    .string()
    .max(MAX_THUMB_IDS * 210)
    .transform((text) => text.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(200)).min(1).max(MAX_THUMB_IDS)),
});
const imagePairsQuerySchema = z.object({ split: splitNameSchema, imageId: z.coerce.number().int() });
const splitQuerySchema = z.object({ split: splitNameSchema.optional() });
const logQuerySchema = z.object({ split: splitNameSchema });

export function insightsRoutes(store: ReviewStore): Hono {
  const app = new Hono();
  const insights = store.insights.bind(store);
  const requireSplit = async (split: string): Promise<void> => {
    if (!(await store.getSplit(split))) throw new HttpError(404, "split_not_found", `no split named ${JSON.stringify(split)}`);
  };

  app.get("/activity", async (c) => {
    const { split } = parseOr400(splitQuerySchema, c.req.query(), "invalid_query");
    return c.json(await insights().activity(split));
  });

  app.get("/sample", async (c) => {
    const { n, seed, ...rest } = parseOr400(sampleQuerySchema, c.req.query(), "invalid_query");
    const filter = parseOr400(pairFilterSchema, rest, "invalid_query");
    const source = insights();
    const population = await source.filteredIds(filter);
    const body: Sample = {
      seed,
      population: population.length,
      populationByGranularity: await source.countByGranularity(filter),
      items: await source.summaries(seededSample(population, n, seed)),
    };
    return c.json(body);
  });

  app.get("/thumbs", async (c) => {
    const { ids } = parseOr400(idsQuerySchema, c.req.query(), "invalid_query");
    return c.json({ items: (await insights().thumbs(ids)).map(thumbView) });
  });

  // POST because a bulk selection's ids do not fit in a URL; it reads, it changes nothing.
  app.post("/decisions", async (c) => {
    const body = await readJsonBody(c, MAX_LOOKUP_BYTES, "the ids");
    const { ids } = parseOr400(decisionLookupBodySchema, body, "invalid_input");
    return c.json({ decisions: await insights().decisions(ids) });
  });

  app.get("/image-pairs", async (c) => {
    const { split, imageId } = parseOr400(imagePairsQuerySchema, c.req.query(), "invalid_query");
    return c.json({ items: await insights().imagePairs(split, imageId) });
  });

  app.get("/export-preview", async (c) => {
    const { split, include } = parseOr400(exportPreviewQuerySchema, c.req.query(), "invalid_query");
    await requireSplit(split);
    const loader = await store.loaderPreview?.(split, include === "pending");
    return c.json({ ...(await insights().exportPreview(split, include === "pending")), ...(loader ? { loader } : {}) });
  });

  app.get("/decision-log", async (c) => {
    const { split } = parseOr400(logQuerySchema, c.req.query(), "invalid_query");
    await requireSplit(split);
    return downloadResponse(decisionLogChunks(store, split), `${split}.decisions.jsonl`, "application/x-ndjson; charset=utf-8");
  });

  return app;
}
