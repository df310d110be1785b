import type { Role } from "../../shared/roles";

/*
 * Users, their sessions and their API tokens (issue 11). The store keeps what it is given: names,
 * roles, password hashes in their encoded form, and the SHA-256 of session ids and tokens (never
 * a session id or a token itself). Hashing, expiry rules and rate limits live above it.
 *
 * Names are unique regardless of case (`Ana` and `ana` are one user); lookups ignore case and
 * return the name as it was added.
 *
 * Contract (checked for every implementation by contract/accountsContract.ts).
 */

export interface StoredUser {
  name: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  passwordHash: string;
  now: string;
}

export interface NewSession {
  /** SHA-256 (hex) of the session id the cookie carries. */
  idHash: string;
  user: string;
  createdAt: string;
  expiresAt: string;
}

export interface NewToken {
  /** Public id of the token (shown by `tokens list`, used by `tokens revoke`). */
  id: string;
  /** SHA-256 (hex) of the secret token. */
  hash: string;
  user: string;
  label: string;
  createdAt: string;
}

export interface StoredToken {
  id: string;
  user: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AccountStore {
  /** Whether any user exists: decides solo (none) or team mode. */
  hasUsers(): Promise<boolean>;
  listUsers(): Promise<StoredUser[]>;
  getUser(name: string): Promise<StoredUser | null>;
  /** The user with the stored password hash, for a login; null when no such user. */
  credentials(name: string): Promise<{ user: StoredUser; passwordHash: string } | null>;
  /** Rejects with ConflictError when the name is taken (in any case). */
  addUser(user: NewUser): Promise<StoredUser>;
  /** False when no such user. */
  setRole(name: string, role: Role, now: string): Promise<boolean>;
  /** Replaces the password and ends every session of the user; false when no such user. */
  setPassword(name: string, passwordHash: string, now: string): Promise<boolean>;
  /** Removes the user with their sessions and tokens; false when no such user. */
  removeUser(name: string): Promise<boolean>;

  createSession(session: NewSession): Promise<void>;
  /**
   * The user of an unexpired session (`expiresAt` > `now`), with their current role. With
   * `idleBefore`, a session last used at or before it is idle: it is deleted and null returned.
   * A use notes `now` as the session's last use, at most once a minute (not a write per request).
   */
  sessionUser(idHash: string, now: string, idleBefore?: string): Promise<StoredUser | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes sessions that expired at or before `now` (and, with `idleBefore`, those last used at or before it); how many. */
  deleteExpiredSessions(now: string, idleBefore?: string): Promise<number>;

  /** Rejects with ConflictError when the id is taken. */
  createToken(token: NewToken): Promise<void>;
  /** Tokens (revoked ones too) in creation order, of one user or of all. */
  listTokens(user?: string): Promise<StoredToken[]>;
  /** The user of an unrevoked token, with their current role; notes `now` as its last use. */
  tokenUser(hash: string, now: string): Promise<StoredUser | null>;
  /** Revokes at once; false when no such token or already revoked. */
  revokeToken(id: string, now: string): Promise<boolean>;
}
