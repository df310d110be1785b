import type { z } from "zod";
import {
  apiErrorSchema,
  conflictSchema,
  decisionResponseSchema,
  historyResponseSchema,
  pairDetailSchema,
  pairListSchema,
  splitListSchema,
  statsSchema,
  type DecisionResponse,
  type PairDetail,
  type PairFilter,
  type PairList,
  type PairListQuery,
  type SplitSummary,
  type Stats,
} from "../../shared/api";
import { decisionSchema, type DecisionInput, type HistoryEntry } from "../../shared/domain";
import { ApiError, ConflictError, NetworkError } from "./errors";
import { searchFromFilters } from "./filters";

/* The one API client: every response is parsed with the shared schemas before anyone sees it. */

async function send(path: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    // fetch rejects only when no HTTP answer arrived at all: offline, refused, aborted.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  return response;
}

let unauthenticated: (() => void) | null = null;

/** Called when an answer says the session ended (401), so the app can show the login again. */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticated = listener;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = apiErrorSchema.safeParse(body);
  if (response.status === 401 && parsed.success && parsed.data.error.code === "unauthenticated") unauthenticated?.();
  if (parsed.success) return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(response.status, "http_error", `HTTP ${response.status} ${response.statusText}`);
}

/**
 * The one way the client asks the server for JSON: network failures become NetworkError, error
 * answers ApiError (from `{ error: { code, message } }`), and the body is parsed with `schema`.
 */
export async function requestJson<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const response = await send(path, { ...init, headers: { accept: "application/json", ...init.headers } });
  if (!response.ok) throw await errorFrom(response);
  return schema.parse(await response.json());
}

function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return requestJson(path, schema, { signal });
}

function queryString(query: PairListQuery): string {
  const search = new URLSearchParams(searchFromFilters(query));
  if (query.cursor) search.set("cursor", query.cursor);
  if (query.limit) search.set("limit", String(query.limit));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function fetchSplits(signal?: AbortSignal): Promise<SplitSummary[]> {
  return (await getJson("/api/splits", splitListSchema, signal)).splits;
}

export function fetchPairs(query: PairListQuery, signal?: AbortSignal): Promise<PairList> {
  return getJson(`/api/pairs${queryString(query)}`, pairListSchema, signal);
}

export function fetchPair(id: string, filters: PairFilter, signal?: AbortSignal): Promise<PairDetail> {
  return getJson(`/api/pairs/${encodeURIComponent(id)}${searchFromFilters(filters)}`, pairDetailSchema, signal);
}

export async function fetchHistory(id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return (await getJson(`/api/pairs/${encodeURIComponent(id)}/history`, historyResponseSchema, signal)).history;
}

/** Counts of one split, or of every split when `split` is null. */
export function fetchStats(split: string | null, signal?: AbortSignal): Promise<Stats> {
  return getJson(split === null ? "/api/stats" : `/api/stats?split=${encodeURIComponent(split)}`, statsSchema, signal);
}

/** Saves a decision; the idempotency key makes a retry of the same decision apply once. */
export async function putDecision(id: string, input: DecisionInput, idempotencyKey: string): Promise<DecisionResponse> {
  const response = await send(`/api/pairs/${encodeURIComponent(id)}/decision`, {
    method: "PUT",
    headers: { "content-type": "application/json", accept: "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify(input),
  });
  if (response.status === 409) {
    const body: unknown = await response.json().catch(() => null);
    const conflict = conflictSchema.safeParse(body);
    if (conflict.success) throw new ConflictError(conflict.data.error.message, conflict.data.current);
    // A conflict on a pair that has no stored decision carries `current: null`.
    const current = decisionSchema.nullable().safeParse((body as { current?: unknown } | null)?.current ?? null);
    throw new ConflictError("Someone else changed this pair first.", current.success ? current.data : null);
  }
  if (!response.ok) throw await errorFrom(response);
  return decisionResponseSchema.parse(await response.json());
}
