import type { Context } from "hono";
import { sha256 } from "../../accounts/secrets";
import type { AccountStore } from "../../storage/accounts";
import type { Identity } from "./guard";
import { SESSION_IDLE_MS, idleBefore, sessionCookieOf } from "./sessions";

export interface IdentifyOptions {
  accounts: AccountStore;
  /**
   * The server listens beyond loopback: without users it must not fall back to solo mode (open to
   * anyone who reaches it), so every protected route answers 401 until a user is added.
   */
  requireUsers?: boolean;
  /** A session unused this long ends (default SESSION_IDLE_MS). */
  sessionIdleMs?: number;
  now?: () => Date;
}

const NO_USERS_BEYOND_LOOPBACK =
  "this server listens beyond 127.0.0.1 and has no users, so nothing is open; add one: mmr-review users add NAME --role admin";

/**
 * Who sent the request: solo mode while no user exists; otherwise the user of an
 * `Authorization: Bearer` API token or of the session cookie (a token wins when both are sent).
 * Checked on every request against the database, so a revoked token or a removed user stops at once.
 */
export function createIdentify(options: IdentifyOptions): (c: Context) => Promise<Identity> {
  const { accounts } = options;
  const now = options.now ?? (() => new Date());
  const idleMs = options.sessionIdleMs ?? SESSION_IDLE_MS;
  return async (c) => {
    if (!(await accounts.hasUsers())) {
      return options.requireUsers ? { mode: "team", actor: null, problem: NO_USERS_BEYOND_LOOPBACK } : { mode: "solo", actor: null };
    }
    const date = now();
    const at = date.toISOString();
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
      if (!token) return { mode: "team", actor: null, problem: "the Authorization header must be: Bearer <token>" };
      const user = await accounts.tokenUser(sha256(token), at);
      if (!user) return { mode: "team", actor: null, problem: "the API token is not valid (unknown or revoked)" };
      return { mode: "team", actor: { name: user.name, role: user.role } };
    }
    const sessionId = sessionCookieOf(c);
    if (sessionId === undefined) return { mode: "team", actor: null };
    // An idle session is deleted there and then; each use notes itself (at most once a minute).
    const user = await accounts.sessionUser(sha256(sessionId), at, idleBefore(date, idleMs));
    if (!user) return { mode: "team", actor: null, problem: "your session has ended (expired, unused too long, or signed out); sign in again" };
    return { mode: "team", actor: { name: user.name, role: user.role } };
  };
}
