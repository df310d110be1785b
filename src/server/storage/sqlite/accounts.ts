import type Database from "better-sqlite3";
import type { Role } from "../../../shared/roles";
import type { AccountStore, NewSession, NewToken, NewUser } from "../accounts";
import { nameKey } from "../accountKeys";
import { LAST_USED_RESOLUTION_MS, sessionUseToNote, tokenOf, USER, userOf, type TokenRow, type UserRow } from "../accountRows";
import { ConflictError } from "../errors";
import { settle } from "./errors";
import type { StatementCache } from "./statementCache";

export function createSqliteAccounts(db: Database.Database, statements: StatementCache): AccountStore {
  const q = (sql: string) => statements.get(sql);
  const findUser = (name: string): UserRow | undefined => q(`SELECT ${USER} FROM users u WHERE u.name_key = ?`).get(nameKey(name)) as UserRow | undefined;

  const removeUser = db.transaction((key: string): boolean => {
    const removed = q("DELETE FROM users WHERE name_key = ?").run(key).changes > 0;
    q("DELETE FROM sessions WHERE user_key = ?").run(key);
    q("DELETE FROM api_tokens WHERE user_key = ?").run(key);
    return removed;
  });
  const setPassword = db.transaction((key: string, hash: string, now: string): boolean => {
    const changed = q("UPDATE users SET password_hash = ?, updated_at = ? WHERE name_key = ?").run(hash, now, key).changes > 0;
    q("DELETE FROM sessions WHERE user_key = ?").run(key);
    return changed;
  });

  return {
    hasUsers: () => settle(() => q("SELECT EXISTS (SELECT 1 FROM users)").pluck().get() === 1),
    listUsers: () => settle(() => (q(`SELECT ${USER} FROM users u ORDER BY u.name_key`).all() as UserRow[]).map(userOf)),
    getUser: (name) =>
      settle(() => {
        const row = findUser(name);
        return row ? userOf(row) : null;
      }),
    credentials: (name) =>
      settle(() => {
        const row = q(`SELECT ${USER}, u.password_hash FROM users u WHERE u.name_key = ?`).get(nameKey(name)) as (UserRow & { password_hash: string }) | undefined;
        return row ? { user: userOf(row), passwordHash: row.password_hash } : null;
      }),
    addUser: (user: NewUser) =>
      settle(() => {
        const existing = findUser(user.name);
        if (existing) throw new ConflictError(`a user named ${JSON.stringify(existing.name)} already exists`);
        q("INSERT INTO users (name_key, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").run(
          nameKey(user.name),
          user.name,
          user.role,
          user.passwordHash,
          user.now,
          user.now,
        );
        return { name: user.name, role: user.role, createdAt: user.now, updatedAt: user.now };
      }),
    setRole: (name: string, role: Role, now: string) =>
      settle(() => q("UPDATE users SET role = ?, updated_at = ? WHERE name_key = ?").run(role, now, nameKey(name)).changes > 0),
    setPassword: (name, hash, now) => settle(() => setPassword.immediate(nameKey(name), hash, now)),
    removeUser: (name) => settle(() => removeUser.immediate(nameKey(name))),

    createSession: (session: NewSession) =>
      settle(() => {
        q("INSERT INTO sessions (id_hash, user_key, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)").run(
          session.idHash,
          nameKey(session.user),
          session.createdAt,
          session.expiresAt,
          session.createdAt,
        );
      }),
    sessionUser: (idHash, now, idleBefore) =>
      settle(() => {
        const row = q(
          `SELECT ${USER}, s.last_seen_at FROM sessions s JOIN users u ON u.name_key = s.user_key WHERE s.id_hash = ? AND s.expires_at > ?`,
        ).get(idHash, now) as (UserRow & { last_seen_at: string | null }) | undefined;
        if (!row) return null;
        if (idleBefore !== undefined && row.last_seen_at !== null && row.last_seen_at <= idleBefore) {
          q("DELETE FROM sessions WHERE id_hash = ?").run(idHash);
          return null;
        }
        if (sessionUseToNote(row.last_seen_at, now)) q("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").run(now, idHash);
        return userOf(row);
      }),
    deleteSession: (idHash) =>
      settle(() => {
        q("DELETE FROM sessions WHERE id_hash = ?").run(idHash);
      }),
    deleteExpiredSessions: (now, idleBefore) =>
      settle(() =>
        idleBefore === undefined
          ? q("DELETE FROM sessions WHERE expires_at <= ?").run(now).changes
          : q("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?").run(now, idleBefore).changes,
      ),

    createToken: (token: NewToken) =>
      settle(() => {
        q("INSERT INTO api_tokens (id, hash, user_key, label, created_at) VALUES (?, ?, ?, ?, ?)").run(
          token.id,
          token.hash,
          nameKey(token.user),
          token.label,
          token.createdAt,
        );
      }),
    listTokens: (user) =>
      settle(() => {
        const sql = `SELECT t.id, coalesce(u.name, t.user_key) AS user, t.label, t.created_at, t.last_used_at, t.revoked_at
          FROM api_tokens t LEFT JOIN users u ON u.name_key = t.user_key`;
        const rows = (user === undefined ? q(`${sql} ORDER BY t.created_at, t.id`).all() : q(`${sql} WHERE t.user_key = ? ORDER BY t.created_at, t.id`).all(nameKey(user))) as TokenRow[];
        return rows.map(tokenOf);
      }),
    tokenUser: (hash, now) =>
      settle(() => {
        const row = q(`SELECT ${USER}, t.id AS token_id FROM api_tokens t JOIN users u ON u.name_key = t.user_key WHERE t.hash = ? AND t.revoked_at IS NULL`).get(hash) as
          | (UserRow & { token_id: string })
          | undefined;
        if (!row) return null;
        const before = new Date(Date.parse(now) - LAST_USED_RESOLUTION_MS).toISOString();
        q("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)").run(now, row.token_id, before);
        return userOf(row);
      }),
    revokeToken: (id, now) => settle(() => q("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(now, id).changes > 0),
  };
}
