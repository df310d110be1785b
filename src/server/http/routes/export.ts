import { Hono } from "hono";
import { z } from "zod";
import { splitNameSchema } from "../../../shared/domain";
import type { ReviewStore } from "../../storage/store";
import { HttpError, parseOr400 } from "../httpError";

/** Writes the cleaned split (SPEC section 5) as JSON text chunks, streamed from the store. */
export type ExportStreamer = (split: string, options: { includePending: boolean }) => AsyncIterable<string | Uint8Array>;

const exportQuerySchema = z.object({
  split: splitNameSchema,
  /** `pending` keeps undecided pairs too; rejected pairs never appear. */
  include: z.enum(["pending"]).optional(),
});

function toStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    // Pull-based, so a slow client holds back the exporter instead of filling memory.
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function exportRoutes(store: ReviewStore, streamExport: ExportStreamer): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const query = parseOr400(exportQuerySchema, c.req.query(), "invalid_query");
    if (!store.getSplit(query.split)) throw new HttpError(404, "split_not_found", `no split named ${JSON.stringify(query.split)}`);
    const includePending = query.include === "pending";
    const fileName = `${query.split}.cleaned${includePending ? "-with-pending" : ""}.json`;
    return new Response(toStream(streamExport(query.split, { includePending })), {
      status: 200,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  });
  return app;
}
