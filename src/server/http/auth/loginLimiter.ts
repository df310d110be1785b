import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { nameKey } from "../../storage/accountKeys";

/*
 * Failed logins are counted per user name and per client address (rate-limiter-flexible): past the
 * limit, further attempts are refused with 429 and Retry-After until the block ends, whatever the
 * password. A success clears the user's count. On PostgreSQL the counters live in the database
 * (table login_attempts), so every `serve` process of a team counts the same attempts; should the
 * database not answer, each process falls back to counting in its memory (the library's
 * insurance limiter) rather than letting logins through unlimited. SQLite: in memory (one process).
 */

export interface LoginLimits {
  /** Failed attempts on one user name (from any address) before it is blocked. */
  perUser: number;
  /** Failed attempts from one address (on any name) before it is blocked. */
  perAddress: number;
  /** The window failures are counted in, and how long a block lasts, in seconds. */
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUser: 10, perAddress: 30, windowSeconds: 15 * 60 };

export interface LoginLimiter {
  /** Seconds until a login for `name` from `address` may be tried again, or 0 when it may now. */
  retryAfter(name: string, address: string): Promise<number>;
  failed(name: string, address: string): Promise<void>;
  succeeded(name: string): Promise<void>;
}

/** Where the counters live: this process's memory, or a PostgreSQL table shared by every process. */
export type LoginCounters = { kind: "memory" } | { kind: "postgres"; pool: pg.Pool; table: string };

function counter(counters: LoginCounters, keyPrefix: string, points: number, seconds: number, clearsExpired: boolean): RateLimiterAbstract {
  const options = { keyPrefix, points, duration: seconds, blockDuration: seconds };
  if (counters.kind === "memory") return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: counters.pool,
    storeType: "pool",
    tableName: counters.table,
    // Created by the store's migrations, not by the library.
    tableCreated: true,
    // The library's sweep deletes every expired row of the table: one of the two limiters runs it.
    clearExpiredByTimeout: clearsExpired,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/**
 * The key a name or address is counted under: its SHA-256, so a forwarded address of any length
 * (X-Forwarded-For is the client's to write) fits the table's key and cannot push the count out of
 * the database into one process's memory.
 */
function keyOf(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, counters: LoginCounters = { kind: "memory" }): LoginLimiter {
  const byUser = counter(counters, "user", limits.perUser, limits.windowSeconds, true);
  const byAddress = counter(counters, "addr", limits.perAddress, limits.windowSeconds, false);
  const blockedFor = async (limiter: RateLimiterAbstract, key: string, points: number): Promise<number> => {
    const state = await limiter.get(key);
    return state !== null && state.consumedPoints >= points ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
  };
  const consume = async (limiter: RateLimiterAbstract, key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (error) {
      // Over the limit: the rejection is the block starting, which is what we want.
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  };
  return {
    async retryAfter(name, address) {
      return Math.max(await blockedFor(byUser, keyOf(nameKey(name)), limits.perUser), await blockedFor(byAddress, keyOf(address), limits.perAddress));
    },
    async failed(name, address) {
      await consume(byUser, keyOf(nameKey(name)));
      await consume(byAddress, keyOf(address));
    },
    async succeeded(name) {
      await byUser.delete(keyOf(nameKey(name)));
    },
  };
}
