import { afterEach, describe, expect, it } from "vitest";
import { meSchema } from "../../../shared/authApi";
import { historyResponseSchema } from "../../../shared/api";
import { createToken, addUser, removeUser, setRole } from "../../accounts/manage";
import { createLiveEvents } from "../../events/liveEvents";
import { createTestApp, putDecision, type TestApp } from "../testApp";
import type { AppOptions } from "../app";

/*
 * Accounts from the outside (issue 11): solo and team mode, login and sessions, tokens, CSRF,
 * fixation, the login rate limit, and what never leaves the server.
 */

const PASSWORD = "correct horse battery";
const ID = "tiny:1:0";
const accept = { status: "accepted", reviewer: "typed-name", baseVersion: 0 } as const;

let t: TestApp;
let logLines: string[];
afterEach(() => t.close());

async function open(overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  logLines = [];
  t = await createTestApp({
    logError: (error) => logLines.push(String(error)),
    ...overrides,
    auth: { log: (line) => logLines.push(line), ...overrides.auth },
  });
  return t;
}

function login(name: string, password: string, headers: Record<string, string> = {}, url = "/api/auth/login"): Promise<Response> {
  return Promise.resolve(t.app.request(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ name, password }) }));
}

/** The session id a response sets, or null. */
function sessionOf(response: Response): string | null {
  return /mmr_session=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1] || null;
}

function asSession(session: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Cookie: `mmr_session=${session}` } };
}

async function signIn(name: string): Promise<string> {
  const response = await login(name, PASSWORD);
  expect(response.status).toBe(200);
  return sessionOf(response)!;
}

describe("solo mode (no users)", () => {
  it("works as before accounts: no login, the typed reviewer name is kept", async () => {
    await open();
    expect(meSchema.parse(await (await t.app.request("/api/auth/me")).json())).toEqual({ mode: "solo", user: null });
    const saved = await putDecision(t.app, ID, accept);
    expect(saved.status).toBe(200);
    const { history } = historyResponseSchema.parse(await (await t.app.request(`/api/pairs/${ID}/history`)).json());
    expect(history.map((h) => h.reviewer)).toEqual(["typed-name"]);
  });

  it("is refused beyond loopback: without users nothing protected is open", async () => {
    await open({ auth: { requireUsers: true } });
    const response = await t.app.request("/api/pairs?split=tiny");
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/no users/);
    expect((await t.app.request("/api/health")).status).toBe(200);
  });
});

describe("team mode", () => {
  it("needs a session for every route but login, health, who-am-I and the static app", async () => {
    await open();
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    expect((await t.app.request("/api/pairs?split=tiny")).status).toBe(401);
    expect((await putDecision(t.app, ID, accept)).status).toBe(401);
    expect((await t.app.request("/api/health")).status).toBe(200);
    expect((await t.app.request("/review")).status).toBe(503); // the "app not built" page, not a 401
    expect(meSchema.parse(await (await t.app.request("/api/auth/me")).json())).toEqual({ mode: "team", user: null });
  });

  it("signs in with a session cookie that is HttpOnly and SameSite=Strict, Secure only over HTTPS", async () => {
    await open();
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    const plain = await login("ana", PASSWORD);
    expect(plain.status).toBe(200);
    expect(meSchema.parse(await plain.json())).toEqual({ mode: "team", user: { name: "ana", role: "reviewer" } });
    const cookie = plain.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(sessionOf(plain)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await login("ana", PASSWORD, {}, "https://review.example/api/auth/login")).headers.get("set-cookie")).toMatch(/; Secure/);
    // X-Forwarded-Proto is anyone's to send: believed only with --trust-proxy.
    expect((await login("ana", PASSWORD, { "X-Forwarded-Proto": "https" })).headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("believes X-Forwarded-Proto behind a trusted proxy", async () => {
    await open({ auth: { trustProxy: true } });
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    expect((await login("ana", PASSWORD, { "X-Forwarded-Proto": "https" })).headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("refuses a wrong password and an unknown name with the same answer", async () => {
    await open();
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    const wrong = await login("ana", "not the password");
    const unknown = await login("bob", PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(sessionOf(wrong)).toBeNull();
  });

  it("saves decisions and history under the signed-in user, whatever name the body types", async () => {
    await open();
    await addUser(t.store.accounts(), "Ana", "lead", PASSWORD);
    const session = await signIn("ana");
    const saved = await putDecision(t.app, ID, accept, { Cookie: `mmr_session=${session}` });
    expect(saved.status).toBe(200);
    const history = historyResponseSchema.parse(await (await t.app.request(`/api/pairs/${ID}/history`, asSession(session))).json()).history;
    expect(history.map((h) => h.reviewer)).toEqual(["Ana"]);
    expect(meSchema.parse(await (await t.app.request("/api/auth/me", asSession(session))).json()).user).toEqual({ name: "Ana", role: "lead" });
  });

  it("announces presence under the signed-in user, whatever name the heartbeat types", async () => {
    const events = createLiveEvents({ splitExists: async (split) => split === "tiny" });
    await open({ events });
    await addUser(t.store.accounts(), "Ana", "reviewer", PASSWORD);
    const session = await signIn("ana");
    const beat = { split: "tiny", pairId: ID, reviewer: "mallory", session: "tab-1" };
    const response = await t.app.request(
      "/api/presence",
      asSession(session, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(beat) }),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"Ana"');
    expect(text).not.toContain("mallory");
    await events.close();
  });

  it("ends the session on logout", async () => {
    await open();
    await addUser(t.store.accounts(), "ana", "viewer", PASSWORD);
    const session = await signIn("ana");
    expect((await t.app.request("/api/pairs?split=tiny", asSession(session))).status).toBe(200);
    const out = await t.app.request("/api/auth/logout", asSession(session, { method: "POST" }));
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/mmr_session=;.*Max-Age=0/);
    expect((await t.app.request("/api/pairs?split=tiny", asSession(session))).status).toBe(401);
    expect(logLines).toEqual(["login: ana (viewer)", "logout: ana"]);
  });

  it("ends a session when it expires", async () => {
    let clock = new Date("2026-12-02T08:00:00Z");
    await open({ auth: { now: () => clock, sessionTtlMs: 60 * 60 * 1000 } });
    await addUser(t.store.accounts(), "ana", "viewer", PASSWORD);
    const session = await signIn("ana");
    clock = new Date("2026-12-02T08:59:00Z");
    expect((await t.app.request("/api/splits", asSession(session))).status).toBe(200);
    clock = new Date("2026-12-02T09:00:01Z");
    const late = await t.app.request("/api/splits", asSession(session));
    expect(late.status).toBe(401);
    expect(await late.text()).toMatch(/session has ended/);
  });

  it("ends a session left unused longer than the idle timeout; each use keeps it alive", async () => {
    let clock = new Date("2026-12-02T08:00:00Z");
    await open({ auth: { now: () => clock, sessionIdleMs: 30 * 60 * 1000 } });
    await addUser(t.store.accounts(), "ana", "viewer", PASSWORD);
    const session = await signIn("ana");
    clock = new Date("2026-12-02T08:20:00Z");
    expect((await t.app.request("/api/splits", asSession(session))).status).toBe(200);
    // 45 minutes after login but 25 after the last use: still signed in.
    clock = new Date("2026-12-02T08:45:00Z");
    expect((await t.app.request("/api/splits", asSession(session))).status).toBe(200);
    // 31 minutes without a request: refused, and the session is gone from the database.
    clock = new Date("2026-12-02T09:16:00Z");
    const idle = await t.app.request("/api/splits", asSession(session));
    expect(idle.status).toBe(401);
    expect(await idle.text()).toMatch(/unused too long/);
    expect(await t.store.accounts().deleteExpiredSessions("2026-12-02T09:16:00.000Z")).toBe(0);
    clock = new Date("2026-12-02T09:16:30Z");
    expect(meSchema.parse(await (await t.app.request("/api/auth/me", asSession(session))).json()).user).toBeNull();
  });

  it("keeps the absolute lifetime however busy the session is", async () => {
    let clock = new Date("2026-12-02T08:00:00Z");
    await open({ auth: { now: () => clock, sessionTtlMs: 60 * 60 * 1000, sessionIdleMs: 30 * 60 * 1000 } });
    await addUser(t.store.accounts(), "ana", "viewer", PASSWORD);
    const session = await signIn("ana");
    for (const time of ["08:20", "08:40", "08:59"]) {
      clock = new Date(`2026-12-02T${time}:00Z`);
      expect((await t.app.request("/api/splits", asSession(session))).status).toBe(200);
    }
    clock = new Date("2026-12-02T09:00:01Z");
    expect((await t.app.request("/api/splits", asSession(session))).status).toBe(401);
  });

  it("applies a new role at once and stops a removed user at once", async () => {
    await open();
    const accounts = t.store.accounts();
    await addUser(accounts, "ana", "reviewer", PASSWORD);
    await addUser(accounts, "admin", "admin", PASSWORD); // removing the last user would return to solo mode
    const session = await signIn("ana");
    await setRole(accounts, "ana", "viewer");
    expect((await putDecision(t.app, ID, accept, { Cookie: `mmr_session=${session}` })).status).toBe(403);
    await removeUser(accounts, "ana");
    expect((await t.app.request("/api/splits", asSession(session))).status).toBe(401);
  });
});

describe("session fixation", () => {
  it("issues a new session id at login and ends the one the browser arrived with", async () => {
    await open();
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    await addUser(t.store.accounts(), "mallory", "viewer", PASSWORD);
    // Mallory's own valid session planted in Ana's browser: Ana's login must not reuse or keep it.
    const planted = await signIn("mallory");
    const response = await login("ana", PASSWORD, { Cookie: `mmr_session=${planted}` });
    const fresh = sessionOf(response)!;
    expect(fresh).not.toBe(planted);
    expect((await t.app.request("/api/splits", asSession(planted))).status).toBe(401);
    expect(meSchema.parse(await (await t.app.request("/api/auth/me", asSession(fresh))).json()).user?.name).toBe("ana");
    // A made-up id planted before login is never adopted either.
    const madeUp = "A".repeat(43);
    expect(sessionOf(await login("ana", PASSWORD, { Cookie: `mmr_session=${madeUp}` }))).not.toBe(madeUp);
    expect((await t.app.request("/api/splits", asSession(madeUp))).status).toBe(401);
  });
});

describe("login rate limit", () => {
  it("blocks a user name after repeated failures, even with the right password, and tells when to retry", async () => {
    await open({ auth: { trustProxy: true, loginLimits: { perUser: 3, perAddress: 100, windowSeconds: 600 } } });
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    await addUser(t.store.accounts(), "bob", "reviewer", PASSWORD);
    for (let i = 0; i < 3; i++) expect((await login("ana", "guess " + i, { "X-Forwarded-For": `10.0.0.${i}` })).status).toBe(401);
    const blocked = await login("ana", PASSWORD, { "X-Forwarded-For": "10.0.0.99" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(500);
    expect(sessionOf(blocked)).toBeNull();
    // Another name is not blocked by Ana's failures.
    expect((await login("bob", PASSWORD, { "X-Forwarded-For": "10.0.0.1" })).status).toBe(200);
  });

  it("blocks an address that tries many names", async () => {
    await open({ auth: { trustProxy: true, loginLimits: { perUser: 100, perAddress: 4, windowSeconds: 600 } } });
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    for (const name of ["u1", "u2", "u3", "u4"]) expect((await login(name, "x", { "X-Forwarded-For": "10.9.9.9" })).status).toBe(401);
    expect((await login("ana", PASSWORD, { "X-Forwarded-For": "10.9.9.9" })).status).toBe(429);
    expect((await login("ana", PASSWORD, { "X-Forwarded-For": "10.1.1.1" })).status).toBe(200);
  });

  it("clears a user's count on success", async () => {
    await open({ auth: { loginLimits: { perUser: 3, perAddress: 100, windowSeconds: 600 } } });
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) expect((await login("ana", "guess")).status).toBe(401);
      expect((await login("ana", PASSWORD)).status).toBe(200);
    }
  });
});

describe("API tokens", () => {
  it("authenticate as their user and stop working the moment they are revoked", async () => {
    await open();
    const accounts = t.store.accounts();
    await addUser(accounts, "ci", "lead", PASSWORD);
    const { id, token } = await createToken(accounts, "ci", "nightly export");
    const bearer = { headers: { Authorization: `Bearer ${token}` } };
    expect((await t.app.request("/api/export?split=tiny", bearer)).status).toBe(200);
    expect(meSchema.parse(await (await t.app.request("/api/auth/me", bearer)).json()).user).toEqual({ name: "ci", role: "lead" });
    await accounts.revokeToken(id, new Date().toISOString());
    const after = await t.app.request("/api/splits", bearer);
    expect(after.status).toBe(401);
    expect(await after.text()).toMatch(/revoked/);
    expect((await t.app.request("/api/splits", { headers: { Authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await t.app.request("/api/splits", { headers: { Authorization: "Basic abc" } })).status).toBe(401);
  });
});

describe("CSRF", () => {
  /** A lead may decide any pair directly, so a 403 below is the CSRF check's, not the role's. */
  async function signedInDecider(): Promise<string> {
    await open();
    await addUser(t.store.accounts(), "ana", "lead", PASSWORD);
    return signIn("ana");
  }

  it("refuses a cross-site form post and saves nothing", async () => {
    const session = await signedInDecider();
    const response = await t.app.request(
      `/api/pairs/${ID}/decision`,
      asSession(session, {
        method: "PUT",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
        body: "status=accepted&reviewer=x&baseVersion=0",
      }),
    );
    expect(response.status).toBe(403);
    const history = historyResponseSchema.parse(await (await t.app.request(`/api/pairs/${ID}/history`, asSession(session))).json()).history;
    expect(history).toEqual([]);
  });

  it("refuses a cross-origin JSON fetch, by Sec-Fetch-Site or by Origin alone", async () => {
    const session = await signedInDecider();
    const send = (headers: Record<string, string>) => putDecision(t.app, ID, accept, { Cookie: `mmr_session=${session}`, ...headers });
    expect((await send({ Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await send({ "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    expect((await send({ Origin: "http://evil.example" })).status).toBe(403);
    expect((await send({ Origin: "null" })).status).toBe(403);
    expect((await t.app.request("/api/auth/logout", { method: "POST", headers: { Origin: "http://evil.example", Cookie: `mmr_session=${session}` } })).status).toBe(403);
    // The app's own page: same origin.
    expect((await send({ Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
  });

  it("refuses a cross-site login (login CSRF)", async () => {
    await open();
    await addUser(t.store.accounts(), "ana", "reviewer", PASSWORD);
    expect((await login("ana", PASSWORD, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
  });
});

describe("secrets never leave the server", () => {
  it("keeps password hashes, passwords and tokens out of every response and log line", async () => {
    await open();
    const accounts = t.store.accounts();
    await addUser(accounts, "admin", "admin", PASSWORD);
    await addUser(accounts, "ana", "reviewer", PASSWORD);
    const { token } = await createToken(accounts, "admin", "script");
    const hashes = await Promise.all(["admin", "ana"].map(async (name) => (await accounts.credentials(name))!.passwordHash));
    const secrets = [...hashes, PASSWORD, token, "scrypt$"];

    const seen: string[] = [];
    const record = async (response: Response | Promise<Response>) => {
      const r = await response;
      const headers = [...r.headers].filter(([name]) => name !== "set-cookie").map(([n, v]) => `${n}: ${v}`);
      seen.push(headers.join("\n"), await r.text());
    };
    const session = sessionOf(await login("admin", PASSWORD))!;
    await record(login("ana", "wrong password!"));
    await record(login("ana", PASSWORD));
    await record(t.app.request("/api/users", { headers: { Authorization: `Bearer ${token}` } }));
    await record(t.app.request("/api/auth/me", asSession(session)));
    await record(t.app.request("/api/auth/me", { headers: { Authorization: `Bearer ${token}` } }));
    await record(putDecision(t.app, ID, accept, { Authorization: `Bearer ${token}` }));
    await record(t.app.request(`/api/pairs/${ID}/history`, asSession(session)));
    await record(t.app.request("/api/splits", { headers: { Authorization: `Bearer ${token}-revoked` } }));
    await record(t.app.request("/api/auth/logout", asSession(session, { method: "POST" })));

    expect(seen.join("\n")).toContain("admin"); // the responses were recorded
    for (const secret of secrets) {
      expect(seen.filter((text) => text.includes(secret)), secret.slice(0, 12)).toEqual([]);
      expect(logLines.filter((line) => line.includes(secret) || line.includes(session))).toEqual([]);
    }
  });
});
