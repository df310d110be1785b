import { Hono } from "hono";
import { z } from "zod";
import { parsePairId, splitNameSchema } from "../../../shared/domain";
import { evalQuerySchema, modelNameSchema, modelQuerySchema, predictionListQuerySchema, type IouInsights } from "../../../shared/predictionsApi";
import { evalDb } from "../../eval/evalDb";
import { iouInsights } from "../../predictions/iouInsights";
import { pairPrediction } from "../../predictions/pairPrediction";
import type { ReviewStore } from "../../storage/store";
import { HttpError, parseOr400 } from "../httpError";

/*
 * `/api/predictions/*`: imported models of a split, a pair's predicted masks with per-target IoU,
 * pairs sorted by disagreement (lowest IoU first) with an IoU range, and the dashboard's IoU data.
 */

const modelsQuerySchema = z.object({ split: splitNameSchema.optional() });
const pairQuerySchema = z.object({ model: modelNameSchema });

export function predictionRoutes(store: ReviewStore): Hono {
  const app = new Hono();
  const requireModel = async (split: string, model: string): Promise<void> => {
    if (!(await store.getSplit(split))) throw new HttpError(404, "split_not_found", `no split named ${JSON.stringify(split)}`);
    if (!(await store.predictions().listModels(split)).some((m) => m.model === model)) {
      throw new HttpError(404, "model_not_found", `no model ${JSON.stringify(model)} for split ${split}`);
    }
  };

  app.get("/models", async (c) => {
    const { split } = parseOr400(modelsQuerySchema, c.req.query(), "invalid_query");
    return c.json({ models: await store.predictions().listModels(split) });
  });

  app.get("/pairs", async (c) => {
    const query = parseOr400(predictionListQuerySchema, c.req.query(), "invalid_query");
    if (query.minIou !== undefined && query.maxIou !== undefined && query.minIou > query.maxIou) {
      throw new HttpError(400, "invalid_query", "minIou is above maxIou");
    }
    await requireModel(query.split, query.model);
    return c.json(await store.predictions().listByIou(query));
  });

  app.get("/pairs/:id", async (c) => {
    const id = c.req.param("id");
    const { model } = parseOr400(pairQuerySchema, c.req.query(), "invalid_query");
    const parsed = parsePairId(id);
    if (!parsed) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(id)}`);
    const found = await pairPrediction(store, model, id);
    if (!found) throw new HttpError(404, "prediction_not_found", `model ${JSON.stringify(model)} has no prediction for ${id}`);
    return c.json(found);
  });

  // The dashboard polls this; on a train-sized split the join costs about a second, so the answer
  // is kept until a decision changes the split or the model is re-imported.
  let cached: { key: string; body: IouInsights } | null = null;
  app.get("/insights", async (c) => {
    const { split, model } = parseOr400(modelQuerySchema, c.req.query(), "invalid_query");
    await requireModel(split, model);
    const importedAt = (await store.predictions().listModels(split)).find((m) => m.model === model)?.importedAt ?? "";
    const key = JSON.stringify([split, model, importedAt, await store.changeCounter(split)]);
    if (cached?.key !== key) cached = { key, body: iouInsights(split, model, await store.predictions().iouByStatus(split, model)) };
    return c.json(cached.body);
  });

  // The export screen's "what cleaning changes": raw vs cleaned, as `eval --db --compare --json`.
  app.get("/eval", async (c) => {
    const { split, model, status } = parseOr400(evalQuerySchema, c.req.query(), "invalid_query");
    await requireModel(split, model);
    return c.json(await evalDb(store, split, model, { includePending: status === "all", compare: true }));
  });

  return app;
}
