import { Hono } from "hono";
import { z } from "zod";
import { splitNameSchema } from "../../../shared/domain";
import type { ReviewStore } from "../../storage/store";
import { downloadResponse } from "../download";
import { HttpError, parseOr400 } from "../httpError";

/** Writes the cleaned split (SPEC section 5) as JSON text chunks, streamed from the store. */
export type ExportStreamer = (
  split: string,
  options: { includePending: boolean; mode?: "loader-safe" | "lossless" },
) => AsyncIterable<string | Uint8Array>;

const exportQuerySchema = z.object({
  split: splitNameSchema,
  /** `pending` keeps undecided pairs too; rejected pairs never appear. */
  include: z.enum(["pending"]).optional(),
  /** `loader-safe` (default): what the MMR loader reads without failing; `lossless`: forms and records as read. */
  mode: z.enum(["loader-safe", "lossless"]).optional(),
});

export function exportRoutes(store: ReviewStore, streamExport: ExportStreamer): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const query = parseOr400(exportQuerySchema, c.req.query(), "invalid_query");
    if (!(await store.getSplit(query.split))) throw new HttpError(404, "split_not_found", `no split named ${JSON.stringify(query.split)}`);
    const includePending = query.include === "pending";
    const lossless = query.mode === "lossless";
    const fileName = `${query.split}.cleaned${includePending ? "-with-pending" : ""}${lossless ? "-lossless" : ""}.json`;
    const options = { includePending, ...(query.mode ? { mode: query.mode } : {}) };
    return downloadResponse(streamExport(query.split, options), fileName, "application/json; charset=utf-8");
  });
  return app;
}
