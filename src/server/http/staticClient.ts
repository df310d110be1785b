import { join } from "node:path";
import type { Context } from "hono";
import { sendFile } from "./fileResponse";
import { resolveInside } from "./safePath";

/** Vite names built assets by content hash, so they never change under the same URL. */
const HASHED_CACHE = "public, max-age=31536000, immutable";
/** index.html and unhashed files (favicon) are revalidated on every load so a rebuild shows at once. */
const REVALIDATE = "no-cache";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>MMR Review</title>
<p>The browser app is not built yet. Run <code>npm run build</code> (or <code>npm start</code>) and reload.</p>`;

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
      const response = await sendFile(c, resolved.path, name.startsWith("assets/") ? HASHED_CACHE : REVALIDATE);
      if (response) return response;
    }
    // A missing hashed asset is a stale tab after a rebuild: a 404 is clearer than HTML as JS.
    if (name.startsWith("assets/")) return c.text("Not found", 404);
  }
  const index = await sendFile(c, join(clientDir, "index.html"), REVALIDATE);
  return index ?? c.html(NOT_BUILT, 503);
}
