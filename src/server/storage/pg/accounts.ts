import type pg from "pg";
import type { AccountStore } from "../accounts";
import { nameKey } from "../accountKeys";
import { LAST_USED_RESOLUTION_MS, sessionUseToNote, tokenOf, USER, userOf, type TokenRow, type UserRow } from "../accountRows";
import { ConflictError } from "../errors";
import { inTransaction } from "./decisionWrite";
import { prepared } from "./prepared";

/** PostgreSQL's unique_violation, as the typed error every store raises. */
function conflictOr(error: unknown, message: string): unknown {
  return (error as { code?: unknown }).code === "23505" ? new ConflictError(message) : error;
}

/**
 * How long a server trusts its last answer to "does any user exist?" (asked by every request to
 * choose solo or team mode). A user added or removed through this store is seen at once; one added
 * by another process (`mmr-review users add`, another server) within this long.
 */
export const HAS_USERS_TTL_MS = 1_000;

export interface PgAccountsOptions {
  hasUsersTtlMs?: number;
  /** The clock of the hasUsers cache (tests). */
  nowMs?: () => number;
}

/** `AccountStore` on a node-postgres pool (see ../accounts.ts); the same rules as sqlite/accounts.ts. */
export function createPgAccounts(pool: pg.Pool, options: PgAccountsOptions = {}): AccountStore {
  const one = async <T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T | undefined> => (await pool.query<T>(sql, values)).rows[0];
  const ttlMs = options.hasUsersTtlMs ?? HAS_USERS_TTL_MS;
  const nowMs = options.nowMs ?? Date.now;
  // The last answer and when it was asked; a pending query is shared by the requests that wait on it.
  let known: { any: Promise<boolean>; atMs: number } | null = null;
  const forget = () => {
    known = null;
  };

  return {
    hasUsers() {
      // Every request asks: one round trip a second instead of one per request (profiled: the
      // round trips, not the query, are what a busy team server waits on).
      const at = nowMs();
      if (known && at - known.atMs < ttlMs) return known.any;
      const any = pool.query<{ any: boolean }>(prepared("SELECT EXISTS (SELECT 1 FROM users) AS any", [])).then((result) => result.rows[0]?.any === true);
      const entry = { any, atMs: at };
      known = entry;
      // A failed query is not remembered: the next request asks again.
      any.catch(() => {
        if (known === entry) known = null;
      });
      return any;
    },
    async listUsers() {
      return (await pool.query<UserRow>(`SELECT ${USER} FROM users u ORDER BY u.name_key`)).rows.map(userOf);
    },
    async getUser(name) {
      const row = await one<UserRow>(`SELECT ${USER} FROM users u WHERE u.name_key = $1`, [nameKey(name)]);
      return row ? userOf(row) : null;
    },
    async credentials(name) {
      const row = await one<UserRow & { password_hash: string }>(`SELECT ${USER}, u.password_hash FROM users u WHERE u.name_key = $1`, [nameKey(name)]);
      return row ? { user: userOf(row), passwordHash: row.password_hash } : null;
    },
    async addUser(user) {
      try {
        await pool.query("INSERT INTO users (name_key, name, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)", [
          nameKey(user.name),
          user.name,
          user.role,
          user.passwordHash,
          user.now,
        ]);
      } catch (error) {
        const existing = await this.getUser(user.name).catch(() => null);
        throw conflictOr(error, `a user named ${JSON.stringify(existing?.name ?? user.name)} already exists`);
      }
      forget();
      return { name: user.name, role: user.role, createdAt: user.now, updatedAt: user.now };
    },
    async setRole(name, role, now) {
      return ((await pool.query("UPDATE users SET role = $1, updated_at = $2 WHERE name_key = $3", [role, now, nameKey(name)])).rowCount ?? 0) > 0;
    },
    setPassword(name, hash, now) {
      return inTransaction(pool, async (client) => {
        const key = nameKey(name);
        const changed = ((await client.query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE name_key = $3", [hash, now, key])).rowCount ?? 0) > 0;
        await client.query("DELETE FROM sessions WHERE user_key = $1", [key]);
        return changed;
      });
    },
    async removeUser(name) {
      const removed = await inTransaction(pool, async (client) => {
        const key = nameKey(name);
        const gone = ((await client.query("DELETE FROM users WHERE name_key = $1", [key])).rowCount ?? 0) > 0;
        await client.query("DELETE FROM sessions WHERE user_key = $1", [key]);
        await client.query("DELETE FROM api_tokens WHERE user_key = $1", [key]);
        return gone;
      });
      forget();
      return removed;
    },

    async createSession(session) {
      await pool.query("INSERT INTO sessions (id_hash, user_key, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)", [
        session.idHash,
        nameKey(session.user),
        session.createdAt,
        session.expiresAt,
      ]);
    },
    async sessionUser(idHash, now, idleBefore) {
      const row = (
        await pool.query<UserRow & { last_seen_at: string | null }>(
          prepared(`SELECT ${USER}, s.last_seen_at FROM sessions s JOIN users u ON u.name_key = s.user_key WHERE s.id_hash = $1 AND s.expires_at > $2`, [idHash, now]),
        )
      ).rows[0];
      if (!row) return null;
      if (idleBefore !== undefined && row.last_seen_at !== null && row.last_seen_at <= idleBefore) {
        await pool.query("DELETE FROM sessions WHERE id_hash = $1", [idHash]);
        return null;
      }
      if (sessionUseToNote(row.last_seen_at, now)) await pool.query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", [now, idHash]);
      return userOf(row);
    },
    async deleteSession(idHash) {
      await pool.query("DELETE FROM sessions WHERE id_hash = $1", [idHash]);
    },
    async deleteExpiredSessions(now, idleBefore) {
      const result =
        idleBefore === undefined
          ? await pool.query("DELETE FROM sessions WHERE expires_at <= $1", [now])
          : await pool.query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2", [now, idleBefore]);
      return result.rowCount ?? 0;
    },

    async createToken(token) {
      try {
        await pool.query("INSERT INTO api_tokens (id, hash, user_key, label, created_at) VALUES ($1, $2, $3, $4, $5)", [
          token.id,
          token.hash,
          nameKey(token.user),
          token.label,
          token.createdAt,
        ]);
      } catch (error) {
        throw conflictOr(error, `a token with id ${JSON.stringify(token.id)} already exists`);
      }
    },
    async listTokens(user) {
      const sql = `SELECT t.id, coalesce(u.name, t.user_key) AS user, t.label, t.created_at, t.last_used_at, t.revoked_at
        FROM api_tokens t LEFT JOIN users u ON u.name_key = t.user_key`;
      const result =
        user === undefined ? await pool.query<TokenRow>(`${sql} ORDER BY t.created_at, t.id`) : await pool.query<TokenRow>(`${sql} WHERE t.user_key = $1 ORDER BY t.created_at, t.id`, [nameKey(user)]);
      return result.rows.map(tokenOf);
    },
    async tokenUser(hash, now) {
      const row = await one<UserRow & { token_id: string }>(
        `SELECT ${USER}, t.id AS token_id FROM api_tokens t JOIN users u ON u.name_key = t.user_key WHERE t.hash = $1 AND t.revoked_at IS NULL`,
        [hash],
      );
      if (!row) return null;
      const before = new Date(Date.parse(now) - LAST_USED_RESOLUTION_MS).toISOString();
      await pool.query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)", [now, row.token_id, before]);
      return userOf(row);
    },
    async revokeToken(id, now) {
      return ((await pool.query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [now, id])).rowCount ?? 0) > 0;
    },
  };
}
