import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { can, deniedReason } from "../../../shared/roles";
import { errorBody } from "../httpError";
import type { Actor, AuthMode } from "./actor";
import { routeAccess, routeKey, type RouteAccess } from "./routeRoles";

/** Who sent a request, as the session/token middleware found out. */
export interface Identity {
  mode: AuthMode;
  actor: Actor | null;
  /** Why a credential that was sent is not valid (expired session, revoked token), for the 401. */
  problem?: string;
}

/** Solo mode for every request: the app as it was before accounts (and tests of other areas). */
export const soloIdentity = (): Promise<Identity> => Promise.resolve({ mode: "solo", actor: null });

/**
 * The route that will answer: the first matched route registered with a method (middleware and
 * the `/api/*` fallback are registered with `use`/`all`, method ALL). Null when none (a 404).
 */
function answeringRoute(c: Context): string | null {
  for (const route of matchedRoutes(c)) {
    if (route.method !== "ALL") return routeKey(route.method, route.path);
  }
  return null;
}

/**
 * Sets `actor` and `authMode` for every request and enforces the route table: public routes pass,
 * solo mode passes, team mode needs an actor (401) whose role holds the route's permission (403).
 * A route without an entry is refused to every role (403), so a forgotten entry fails closed.
 */
export function authGuard(identify: (c: Context) => Promise<Identity>): MiddlewareHandler {
  return async (c, next) => {
    const identity = await identify(c);
    c.set("authMode", identity.mode);
    c.set("actor", identity.actor);
    if (identity.mode === "solo") return next();

    const route = answeringRoute(c);
    const access: RouteAccess | undefined = route === null ? undefined : routeAccess[route];
    if (access === "public") return next();
    const actor = identity.actor;
    if (!actor) {
      const why = identity.problem ?? "this server has accounts: sign in first (POST /api/auth/login) or send Authorization: Bearer <token>";
      return c.json(errorBody("unauthenticated", why), 401);
    }
    // No route at all: let the 404 fallback answer (a signed-in user learns nothing from it).
    if (route === null) return next();
    if (access === undefined) return c.json(errorBody("forbidden", `${route} has no entry in the route table, so no role may use it`), 403);
    if (!can(actor.role, access)) return c.json(errorBody("forbidden", deniedReason(actor.role, access)), 403);
    return next();
  };
}
