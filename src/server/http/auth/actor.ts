import type { Context, MiddlewareHandler } from "hono";
import type { Role } from "../../../shared/roles";
import { errorBody } from "../httpError";

/** The authenticated user of a request. */
export interface Actor {
  name: string;
  role: Role;
}

/** `solo`: no users exist, everything is open (bound to loopback). `team`: a session or token is needed. */
export type AuthMode = "solo" | "team";

declare module "hono" {
  interface ContextVariableMap {
    /**
     * Who is asking: set by the auth middleware for every request. Null only in solo mode (no
     * users); in team mode a request without a valid session or token is answered 401 before any
     * route that needs one runs (public routes see null too).
     */
    actor: Actor | null;
    authMode: AuthMode;
  }
}

/** The actor of a request (null in solo mode, or on a public route without a session). */
export function actorOf(c: Context): Actor | null {
  return c.get("actor") ?? null;
}

/** Solo mode, or no auth middleware in front (tests of route modules alone): everything allowed. */
export function isSolo(c: Context): boolean {
  return (c.get("authMode") ?? "solo") === "solo";
}

/**
 * Refuses the request unless the actor's role is one of `allowed`: 401 without an actor in team
 * mode, 403 with another role. Solo mode passes (no users, no roles). The route table
 * (routeRoles.ts) already guards every route; this is for a route module that wants its rule
 * next to its handler too.
 */
export function requireRole(...allowed: Role[]): MiddlewareHandler {
  return async (c, next) => {
    if (isSolo(c)) return next();
    const actor = actorOf(c);
    if (!actor) return c.json(errorBody("unauthenticated", "sign in first (POST /api/auth/login) or send Authorization: Bearer <token>"), 401);
    if (!allowed.includes(actor.role)) {
      return c.json(errorBody("forbidden", `your role (${actor.role}) may not do this; it needs ${allowed.join(" or ")}`), 403);
    }
    return next();
  };
}
