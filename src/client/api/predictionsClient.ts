import type { z } from "zod";
import { apiErrorSchema } from "../../shared/api";
import type { EvalCompare, IouInsights, PairPrediction, PredictionModelView } from "../../shared/predictionsApi";
import { ApiError, NetworkError } from "./errors";

/*
 * Client of `/api/predictions/*`: every answer parsed with the shared schemas. The schemas load
 * with the first request (in parallel with it), not with the app: most reviews have no model.
 */

const schemas = () => import("../../shared/predictionsApi");

async function request<T>(path: string, schemaOf: (module: Awaited<ReturnType<typeof schemas>>) => z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const loading = schemas();
  // Awaited below; a failure before that must not become an unhandled rejection.
  loading.catch(() => undefined);
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(response.status, "http_error", `HTTP ${response.status} ${response.statusText}`);
  }
  const body: unknown = await response.json();
  return schemaOf(await loading).parse(body);
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

export async function fetchModels(split: string, signal?: AbortSignal): Promise<PredictionModelView[]> {
  return (await request(`/api/predictions/models?${q({ split })}`, (m) => m.modelListSchema, signal)).models;
}

/** Null when the model has no prediction for the pair (404). */
export async function fetchPairPrediction(model: string, pairId: string, signal?: AbortSignal): Promise<PairPrediction | null> {
  try {
    return await request(`/api/predictions/pairs/${encodeURIComponent(pairId)}?${q({ model })}`, (m) => m.pairPredictionSchema, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function fetchIouInsights(split: string, model: string, signal?: AbortSignal): Promise<IouInsights> {
  return request(`/api/predictions/insights?${q({ split, model })}`, (m) => m.iouInsightsSchema, signal);
}

export function fetchEvalCompare(split: string, model: string, status: "accepted" | "all", signal?: AbortSignal): Promise<EvalCompare> {
  return request(`/api/predictions/eval?${q({ split, model, status })}`, (m) => m.evalCompareSchema, signal);
}
