import { toByteStream } from "../io/byteStream";

/** A file download streamed from `chunks`, never cached (its content changes with every decision). */
export function downloadResponse(chunks: AsyncIterable<string | Uint8Array>, fileName: string, contentType: string): Response {
  return new Response(toByteStream(chunks), {
    status: 200,
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
