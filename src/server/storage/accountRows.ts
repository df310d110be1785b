import { isRole } from "../../shared/roles";
import type { StoredToken, StoredUser } from "./accounts";
import { StorageError } from "./errors";

/* Rows of the users and api_tokens tables (the same columns in both stores) and what they become. */

export interface UserRow {
  name: string;
  role: string;
  created_at: string;
  updated_at: string;
}

export interface TokenRow {
  id: string;
  user: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function userOf(row: UserRow): StoredUser {
  // The CHECK constraint keeps roles valid; a hand-edited database is reported, not trusted.
  if (!isRole(row.role)) throw new StorageError(`user ${JSON.stringify(row.name)} has an unknown role ${JSON.stringify(row.role)}`);
  return { name: row.name, role: row.role, createdAt: row.created_at, updatedAt: row.updated_at };
}

export function tokenOf(row: TokenRow): StoredToken {
  return { id: row.id, user: row.user, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** The user columns every query selects (table alias `u`). */
export const USER = "u.name, u.role, u.created_at, u.updated_at";

/** A token's (and a session's) last use is noted at most once a minute: a script's every request is not a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Whether a session last used at `lastSeenAt` should note `now` as its last use. */
export function sessionUseToNote(lastSeenAt: string | null, now: string): boolean {
  return lastSeenAt === null || Date.parse(now) - Date.parse(lastSeenAt) >= LAST_USED_RESOLUTION_MS;
}
