import { createHash, randomBytes } from "node:crypto";

/*
 * Session ids and API tokens: 32 random bytes each. Only their SHA-256 is stored, so a copy of the
 * database (a backup, a dump) holds nothing that signs anyone in. SHA-256 without salt or stretching
 * is enough for 256-bit random secrets: there is nothing to guess.
 */

export function sha256(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** `mmr_<id>_<secret>`: the id is public (`tokens list`, `tokens revoke ID`), the whole string is the secret. */
export function newApiToken(): { id: string; token: string } {
  const id = randomBytes(6).toString("hex");
  return { id, token: `mmr_${id}_${randomBytes(32).toString("base64url")}` };
}

/** The public id inside a token, or null when the string is not shaped like one. */
export function tokenIdOf(token: string): string | null {
  return /^mmr_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token)?.[1] ?? null;
}
