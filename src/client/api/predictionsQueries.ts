import { queryOptions } from "@tanstack/react-query";
import { fetchEvalCompare, fetchIouInsights, fetchModels, fetchPairPrediction } from "./predictionsClient";

/* Query keys and options of the predictions endpoints; one factory, like keys.ts. */

export const predictionKeys = {
  all: ["predictions"] as const,
  models: (split: string) => [...predictionKeys.all, "models", split] as const,
  pair: (model: string, pairId: string) => [...predictionKeys.all, "pair", model, pairId] as const,
  insights: (split: string, model: string) => [...predictionKeys.all, "insights", split, model] as const,
  evalCompare: (split: string, model: string, status: string) => [...predictionKeys.all, "eval", split, model, status] as const,
};

export const modelsQuery = (split: string) =>
  queryOptions({ queryKey: predictionKeys.models(split), queryFn: ({ signal }) => fetchModels(split, signal), staleTime: 60_000 });

/** The masks never change while the app runs (imports happen in the CLI); IoU against the current
 * targets is computed in the browser (pairIous), so an edit needs no refetch. */
export const pairPredictionQuery = (model: string, pairId: string) =>
  queryOptions({
    queryKey: predictionKeys.pair(model, pairId),
    queryFn: ({ signal }) => fetchPairPrediction(model, pairId, signal),
    staleTime: 5 * 60_000,
  });

export const iouInsightsQuery = (split: string, model: string) =>
  queryOptions({ queryKey: predictionKeys.insights(split, model), queryFn: ({ signal }) => fetchIouInsights(split, model, signal) });

export const evalCompareQuery = (split: string, model: string, status: "accepted" | "all") =>
  queryOptions({ queryKey: predictionKeys.evalCompare(split, model, status), queryFn: ({ signal }) => fetchEvalCompare(split, model, status, signal) });
