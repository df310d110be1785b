import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { nameKey } from "../../storage/accountKeys";

/*
 * Failed logins are counted per user name and per client address (rate-limiter-flexible, the
 * counters in this process's memory): past the limit, further attempts are refused with 429 and
 * Retry-After until the block ends, whatever the password. A success clears the user's count.
 * Several `serve` processes on one PostgreSQL count separately (each its own memory).
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

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginLimiter {
  const byUser = new RateLimiterMemory({ keyPrefix: "user", points: limits.perUser, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
  const byAddress = new RateLimiterMemory({ keyPrefix: "addr", points: limits.perAddress, duration: limits.windowSeconds, blockDuration: limits.windowSeconds });
  const blockedFor = async (limiter: RateLimiterMemory, key: string, points: number): Promise<number> => {
    const state = await limiter.get(key);
    return state !== null && state.consumedPoints >= points ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
  };
  const consume = async (limiter: RateLimiterMemory, key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (error) {
      // Over the limit: the rejection is the block starting, which is what we want.
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  };
  return {
    async retryAfter(name, address) {
      return Math.max(await blockedFor(byUser, nameKey(name), limits.perUser), await blockedFor(byAddress, address, limits.perAddress));
    },
    async failed(name, address) {
      await consume(byUser, nameKey(name));
      await consume(byAddress, address);
    },
    async succeeded(name) {
      await byUser.delete(nameKey(name));
    },
  };
}
