import type { APIRequestContext } from "@playwright/test";
import { pairDetailSchema, pairListSchema, splitListSchema, type PairDetail } from "../../src/shared/api";
import { historyEntrySchema } from "../../src/shared/domain";
import { z } from "zod";

/* Reads what the server holds, to check the UI against the source of truth. */

export const sampleSplit = "MMR_sample";

export async function splits(request: APIRequestContext) {
  return splitListSchema.parse(await (await request.get("/api/splits")).json()).splits;
}

/** Pair ids in queue order (dataset order, no filter). */
export async function pairIds(request: APIRequestContext, query: Record<string, string> = {}): Promise<string[]> {
  const search = new URLSearchParams({ split: sampleSplit, limit: "1000", ...query });
  const list = pairListSchema.parse(await (await request.get(`/api/pairs?${search}`)).json());
  return list.items.map((item) => item.id);
}

export async function pairDetail(request: APIRequestContext, id: string): Promise<PairDetail> {
  return pairDetailSchema.parse(await (await request.get(`/api/pairs/${encodeURIComponent(id)}`)).json());
}

export async function history(request: APIRequestContext, id: string) {
  const body: unknown = await (await request.get(`/api/pairs/${encodeURIComponent(id)}/history`)).json();
  return z.object({ history: z.array(historyEntrySchema) }).parse(body).history;
}

/** A record of the exported MMR file, as far as the tests read it. */
export interface ExportedRecord {
  image_id: number;
  questions: string[];
  text_answers: string[];
  answers: { category_name: string; bbox: number[] }[][];
}

export async function exportSplit(request: APIRequestContext): Promise<ExportedRecord[]> {
  const response = await request.get(`/api/export?split=${sampleSplit}`);
  if (!response.ok()) throw new Error(`export failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as ExportedRecord[];
}
