import type { MiddlewareHandler } from "hono";
import { errorBody } from "../httpError";
import { requestHost } from "./requestInfo";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host (name:port) of an Origin header; null for `null` (sandboxed or opaque) or a malformed one. */
function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) that a browser says comes from
 * another site: `Sec-Fetch-Site` other than same-origin (or none: typed by the user), or an
 * `Origin` whose host is not the one addressed. Clients that send neither (curl, scripts with a
 * token) pass: they are no browser a page could drive. With SameSite=Strict cookies and JSON-only
 * bodies (a form cannot send application/json) this is the third of three layers.
 */
export function csrfGuard(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site")?.toLowerCase();
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      return c.json(errorBody("cross_site", `refused a ${site} ${c.req.method}: changes must come from this app's own pages`), 403);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      if (originHost(origin) !== requestHost(c, trustProxy)) {
        return c.json(errorBody("cross_site", `refused a ${c.req.method} from origin ${JSON.stringify(origin.slice(0, 200))}: changes must come from this app's own pages`), 403);
      }
    }
    return next();
  };
}
