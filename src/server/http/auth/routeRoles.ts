import type { Permission } from "../../../shared/roles";

/** Open to anyone, signed in or not (login, health, the static app). */
export type RouteAccess = Permission | "public";

/**
 * Every route of the app, as Hono registers it (`METHOD path`), and what it needs. The roles each
 * permission grants are in shared/roles.ts. A route missing here is refused to everyone in team
 * mode (403), and the route-walk test (routeRoles.test.ts) fails until it is added.
 */
export const routeAccess: Readonly<Record<string, RouteAccess>> = {
  "GET /*": "public",
  "GET /api/health": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "public",
  "GET /api/auth/me": "public",
  "GET /api/users": "rounds",

  "GET /api/splits": "read",
  "GET /api/stats": "read",
  "GET /api/events": "read",
  "POST /api/presence": "read",

  "GET /api/pairs": "read",
  "GET /api/pairs/:id": "read",
  "GET /api/pairs/:id/history": "read",
  "PUT /api/pairs/:id/decision": "decide",
  "GET /api/images/:split/:imageId": "read",

  "GET /api/export": "export",
  "GET /api/insights/export-preview": "export",
  "GET /api/insights/decision-log": "export",

  "GET /api/insights/activity": "dashboard",
  "GET /api/insights/sample": "read",
  "GET /api/insights/thumbs": "read",
  "POST /api/insights/decisions": "read",
  "GET /api/insights/image-pairs": "read",

  "GET /api/predictions/models": "read",
  "GET /api/predictions/pairs": "read",
  "GET /api/predictions/pairs/:id": "read",
  "GET /api/predictions/insights": "dashboard",
  "GET /api/predictions/eval": "dashboard",

  "GET /api/rounds": "ownProgress",
  "POST /api/rounds": "rounds",
  "POST /api/rounds/next": "vote",
  "GET /api/rounds/mine": "ownProgress",
  "PATCH /api/rounds/:id": "rounds",
  "GET /api/rounds/:id/progress": "rounds",
  "GET /api/rounds/:id/agreement": "dashboard",
  "GET /api/rounds/:id/adjudication": "adjudicate",
  "POST /api/rounds/:id/pairs/:pairId/lease": "vote",
  "DELETE /api/rounds/:id/pairs/:pairId/lease": "vote",
  "GET /api/rounds/:id/pairs/:pairId/votes": "read",
  "PUT /api/rounds/:id/pairs/:pairId/vote": "vote",
  "PUT /api/rounds/:id/pairs/:pairId/resolve": "adjudicate",
  "GET /api/comments": "read",
  "GET /api/comments/pairs/:id": "read",
  "POST /api/comments/pairs/:id": "vote",
  "PATCH /api/comments/:id": "vote",
};

export function routeKey(method: string, path: string): string {
  return `${method} ${path}`;
}
