import { readFile, stat } from "node:fs/promises";
import type { Context } from "hono";
import { contentTypeOf } from "./contentTypes";

/** A weak validator from size and modification time: cheap, and changes whenever the file does. */
function etagOf(size: number, mtimeMs: number): string {
  return `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

/**
 * Sends a file that was already resolved to a safe real path, with ETag/Last-Modified validators;
 * a matching If-None-Match (or an unchanged If-Modified-Since) gets a 304 without reading the file.
 * Returns null when the path is not a regular file. `contentType` overrides the type the name implies.
 */
export async function sendFile(
  c: Context,
  path: string,
  cacheControl: string,
  /** A precompressed variant: the type of the file it encodes and headers such as Content-Encoding. */
  variant: { contentType?: string; headers?: Record<string, string> } = {},
): Promise<Response | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const etag = etagOf(info.size, info.mtimeMs);
  const lastModified = new Date(Math.floor(info.mtimeMs / 1000) * 1000).toUTCString();
  const headers: Record<string, string> = { ETag: etag, "Last-Modified": lastModified, "Cache-Control": cacheControl, ...variant.headers };

  const ifNoneMatch = c.req.header("if-none-match");
  const ifModifiedSince = c.req.header("if-modified-since");
  const notModified = ifNoneMatch
    ? matches(ifNoneMatch, etag)
    : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
  if (notModified) return new Response(null, { status: 304, headers });

  // Images and client assets are small (COCO images ~150 KB); one read beats stream bookkeeping.
  const body = await readFile(path);
  return new Response(body, {
    status: 200,
    headers: { ...headers, "Content-Type": variant.contentType ?? contentTypeOf(path), "Content-Length": String(body.length) },
  });
}
