import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roles, type Role } from "../../../shared/roles";
import { createLiveEvents, type LiveEvents } from "../../events/liveEvents";
import { addUser, createToken } from "../../accounts/manage";
import { createTestApp, type TestApp } from "../testApp";

/*
 * Walks every route the app registers, with no session and as each role. The expected roles are
 * written here from the roles of issue 11 (admin: users, imports, exports, settings; lead: rounds,
 * bulk, adjudication, dashboard, export; reviewer: decide pairs, own progress; viewer: read only;
 * an admin may do what a lead may), not read from the route table: a route that is registered but
 * not listed here fails the walk, and so does a table entry granting the wrong roles.
 */
const everyone: Role[] = [...roles];
/** Who works in rounds (next, leases, votes, comments): every role but viewer. */
const deciders: Role[] = ["admin", "lead", "reviewer"];
const leads: Role[] = ["admin", "lead"];
const PUBLIC = "public" as const;

const expected: Record<string, Role[] | typeof PUBLIC> = {
  "GET /api/health": PUBLIC,
  "POST /api/auth/login": PUBLIC,
  "POST /api/auth/logout": PUBLIC,
  "GET /api/auth/me": PUBLIC,
  "GET /*": PUBLIC,
  "GET /api/users": leads,
  "GET /api/splits": everyone,
  "GET /api/stats": everyone,
  "GET /api/events": everyone,
  "POST /api/presence": everyone,
  "GET /api/pairs": everyone,
  "GET /api/pairs/:id": everyone,
  "GET /api/pairs/:id/history": everyone,
  // A reviewer decides the pairs a round hands them (votes), not any pair of the queue.
  "PUT /api/pairs/:id/decision": leads,
  "GET /api/images/:split/:imageId": everyone,
  "GET /api/export": leads,
  "GET /api/insights/export-preview": leads,
  "GET /api/insights/decision-log": leads,
  "GET /api/insights/activity": leads,
  "GET /api/insights/sample": everyone,
  "GET /api/insights/thumbs": everyone,
  "POST /api/insights/decisions": everyone,
  "GET /api/insights/image-pairs": everyone,
  "GET /api/predictions/models": everyone,
  "GET /api/predictions/pairs": everyone,
  "GET /api/predictions/pairs/:id": everyone,
  "GET /api/predictions/insights": leads,
  "GET /api/predictions/eval": leads,
  "GET /api/rounds": deciders,
  "POST /api/rounds": leads,
  "POST /api/rounds/next": deciders,
  "GET /api/rounds/mine": deciders,
  "PATCH /api/rounds/:id": leads,
  "GET /api/rounds/:id/progress": leads,
  "GET /api/rounds/:id/agreement": leads,
  "GET /api/rounds/:id/adjudication": leads,
  "POST /api/rounds/:id/pairs/:pairId/lease": deciders,
  "DELETE /api/rounds/:id/pairs/:pairId/lease": deciders,
  "GET /api/rounds/:id/pairs/:pairId/votes": everyone,
  "PUT /api/rounds/:id/pairs/:pairId/vote": deciders,
  "PUT /api/rounds/:id/pairs/:pairId/resolve": leads,
  "GET /api/comments": everyone,
  "GET /api/comments/pairs/:id": everyone,
  "POST /api/comments/pairs/:id": deciders,
  "PATCH /api/comments/:id": deciders,
};

/** A concrete URL for a route pattern: real ids of the fixture where a parameter is. */
function concrete(path: string): string {
  return path
    .replace("/*", "/review")
    .replace(":split", "tiny")
    .replace(":imageId", "1")
    .replace(":pairId", encodeURIComponent("tiny:1:0"))
    .replace(":id", encodeURIComponent("tiny:1:0"));
}

let t: TestApp;
let events: LiveEvents;
/** The Authorization header of the current caller (a real API token of a user of that role), or none. */
let auth: Record<string, string> = {};
const tokens = new Map<Role, string>();

beforeAll(async () => {
  events = createLiveEvents({ splitExists: async (split) => (await t.store.getSplit(split)) !== null });
  t = await createTestApp({ events, auth: { log: () => {} } });
  for (const role of roles) {
    await addUser(t.store.accounts(), `user-${role}`, role, "a long enough password");
    tokens.set(role, (await createToken(t.store.accounts(), `user-${role}`, "route walk")).token);
  }
});
afterAll(async () => {
  await events.close();
  await t.close();
});

function registered(app: Hono): string[] {
  // Middleware and the /api/* 404 fallback are registered for every method (ALL).
  const keys = app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)];
}

async function call(key: string): Promise<number> {
  const [method = "GET", path = "/"] = key.split(" ");
  const body = method === "GET" ? undefined : "{}";
  const response = await t.app.request(concrete(path), {
    method,
    headers: { ...auth, ...(body ? { "Content-Type": "application/json" } : {}) },
    ...(body ? { body } : {}),
  });
  await response.body?.cancel();
  return response.status;
}

describe("every route under every role", () => {
  it("has an expected entry for every registered route", () => {
    const routes = registered(t.app);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((key) => !(key in expected))).toEqual([]);
    expect(Object.keys(expected).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it("answers 401 without a session, except on public routes", async () => {
    auth = {};
    for (const key of registered(t.app)) {
      const status = await call(key);
      if (expected[key] === PUBLIC) expect(status, key).not.toBe(401);
      else expect(status, key).toBe(401);
    }
  });

  for (const role of roles) {
    it(`lets a ${role} use exactly the routes of the role (403 elsewhere)`, async () => {
      auth = { Authorization: `Bearer ${tokens.get(role)!}` };
      for (const key of registered(t.app)) {
        const allowed = expected[key];
        const status = await call(key);
        if (allowed === PUBLIC || allowed?.includes(role)) expect([401, 403], `${key} as ${role} → ${status}`).not.toContain(status);
        else expect(status, `${key} as ${role}`).toBe(403);
      }
    });
  }

  it("opens every route in solo mode (no users), as before accounts", async () => {
    const solo = await createTestApp({ events, auth: { log: () => {} } });
    try {
      const app = t.app;
      t.app = solo.app;
      auth = {};
      for (const key of registered(solo.app)) expect([401, 403], key).not.toContain(await call(key));
      t.app = app;
    } finally {
      await solo.close();
    }
  });
});
