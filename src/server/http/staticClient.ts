import { extname, join } from "node:path";
import type { Context } from "hono";
import { compressibleExtensions, contentTypeOf } from "./contentTypes";
import { sendFile } from "./fileResponse";
import { resolveInside } from "./safePath";

/** Vite names built assets by content hash, so they never change under the same URL. */
const HASHED_CACHE = "public, max-age=31536000, immutable";
/** index.html and unhashed files (favicon) are revalidated on every load so a rebuild shows at once. */
const REVALIDATE = "no-cache";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>MMR Review</title>
<p>The browser app is not built yet. Run <code>npm run build</code> (or <code>npm start</code>) and reload.</p>`;

/** Encodings the request accepts, from Accept-Encoding (a q=0 entry refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find((m) => m !== null);
    if (name && (!q || Number(q[1]) > 0)) accepted.add(name.trim());
  }
  return accepted;
}

/**
 * A built file, precompressed when the browser takes brotli or gzip and the build wrote the
 * variant: the same bytes every time, so no CPU per request. Compressible types always say
 * Vary: Accept-Encoding, so a shared cache never hands gzip to a client that did not ask for it.
 */
async function sendBuilt(c: Context, path: string, cacheControl: string): Promise<Response | null> {
  if (!compressibleExtensions.has(extname(path).toLowerCase())) return sendFile(c, path, cacheControl);
  const accepted = acceptedEncodings(c.req.header("accept-encoding"));
  const contentType = contentTypeOf(path);
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]] as const) {
    if (!accepted.has(encoding)) continue;
    const response = await sendFile(c, path + suffix, cacheControl, { contentType, headers: { "Content-Encoding": encoding, Vary: "Accept-Encoding" } });
    if (response) return response;
  }
  return sendFile(c, path, cacheControl, { headers: { Vary: "Accept-Encoding" } });
}

/**
 * Serves the built client from `clientDir`; any other non-API GET (a deep link such as
 * `/review/<pair id>`, `/gallery`) gets index.html so the client router can take over.
 */
export async function serveClient(c: Context, clientDir: string | null): Promise<Response> {
  if (!clientDir) return c.html(NOT_BUILT, 503);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return c.text("Bad request", 400);
  }
  const name = pathname.replace(/^\/+/, "");
  if (name !== "") {
    const resolved = await resolveInside(clientDir, name);
    if (resolved.kind === "ok") {
      const response = await sendBuilt(c, resolved.path, name.startsWith("assets/") ? HASHED_CACHE : REVALIDATE);
      if (response) return response;
    }
    // A missing hashed asset is a stale tab after a rebuild: a 404 is clearer than HTML as JS.
    if (name.startsWith("assets/")) return c.text("Not found", 404);
  }
  const index = await sendBuilt(c, join(clientDir, "index.html"), REVALIDATE);
  return index ?? c.html(NOT_BUILT, 503);
}
