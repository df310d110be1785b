import { Hono } from "hono";
import type { Me } from "../../../shared/authApi";
import { loginBodySchema } from "../../accounts/schemas";
import { decoyHash, verifyPassword } from "../../accounts/passwords";
import { newSessionId, sha256 } from "../../accounts/secrets";
import type { AccountStore } from "../../storage/accounts";
import { errorBody, parseOr400 } from "../httpError";
import { readJsonBody } from "../readBody";
import { actorOf } from "./actor";
import type { LoginLimiter } from "./loginLimiter";
import { clientAddress } from "./requestInfo";
import { clearSessionCookie, idleBefore, sessionCookieOf, setSessionCookie } from "./sessions";

export interface AuthRoutesOptions {
  accounts: AccountStore;
  limiter: LoginLimiter;
  trustProxy: boolean;
  sessionTtlMs: number;
  /** Sessions unused this long are swept with the expired ones at each login. */
  sessionIdleMs: number;
  now?: () => Date;
  /** Where a successful login or logout is noted (a name, never a password or session id). */
  log?: (line: string) => void;
}

const MAX_LOGIN_BYTES = 4 * 1024;
const WRONG = "wrong user name or password";

/** Login, logout, who-am-I (under /api/auth) and the user list (/api/users). */
export function authRoutes(options: AuthRoutesOptions): Hono {
  const { accounts, limiter, trustProxy } = options;
  const now = options.now ?? (() => new Date());
  const app = new Hono();

  app.post("/auth/login", async (c) => {
    const body = parseOr400(loginBodySchema, await readJsonBody(c, MAX_LOGIN_BYTES, "the login"), "invalid_login");
    const address = clientAddress(c, trustProxy);
    const wait = await limiter.retryAfter(body.name, address);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      return c.json(errorBody("too_many_attempts", `too many failed logins; try again in ${wait} s`), 429);
    }
    const found = await accounts.credentials(body.name);
    // An unknown name costs the same scrypt as a wrong password, so timing does not tell names apart.
    const ok = await verifyPassword(body.password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok) {
      await limiter.failed(body.name, address);
      return c.json(errorBody("wrong_credentials", WRONG), 401);
    }
    await limiter.succeeded(body.name);
    // Never keep a session id the browser arrived with (fixation): the old one ends, a new one starts.
    const previous = sessionCookieOf(c);
    if (previous !== undefined) await accounts.deleteSession(sha256(previous));
    const at = now();
    await accounts.deleteExpiredSessions(at.toISOString(), idleBefore(at, options.sessionIdleMs));
    const sessionId = newSessionId();
    await accounts.createSession({
      idHash: sha256(sessionId),
      user: found.user.name,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + options.sessionTtlMs).toISOString(),
    });
    setSessionCookie(c, sessionId, options.sessionTtlMs, trustProxy);
    options.log?.(`login: ${found.user.name} (${found.user.role})`);
    const me: Me = { mode: "team", user: { name: found.user.name, role: found.user.role } };
    return c.json(me);
  });

  app.post("/auth/logout", async (c) => {
    const sessionId = sessionCookieOf(c);
    if (sessionId !== undefined) await accounts.deleteSession(sha256(sessionId));
    clearSessionCookie(c, trustProxy);
    const actor = actorOf(c);
    if (actor) options.log?.(`logout: ${actor.name}`);
    return c.json({ ok: true });
  });

  app.get("/auth/me", (c) => {
    const actor = actorOf(c);
    const me: Me = { mode: c.get("authMode") ?? "solo", user: actor ? { name: actor.name, role: actor.role } : null };
    return c.json(me);
  });

  app.get("/users", async (c) => {
    const users = await accounts.listUsers();
    return c.json({ users: users.map((u) => ({ name: u.name, role: u.role })) });
  });

  return app;
}
