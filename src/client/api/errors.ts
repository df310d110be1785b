import type { Decision } from "../../shared/domain";

/** An error the server answered with (`{ error: { code, message } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 409 on a decision: someone else saved first; `current` is what is stored now. */
export class ConflictError extends ApiError {
  constructor(
    message: string,
    readonly current: Decision | null,
  ) {
    super(409, "conflict", message);
    this.name = "ConflictError";
  }
}

/** The server could not be reached at all (offline, refused, DNS…): worth retrying later. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkError";
  }
}

/**
 * Statuses that mean "not now" rather than "no": 503 (the server's database is restarting or
 * busy) and what a reverse proxy answers while the server behind it is down (502, 504).
 */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Whether a request may succeed if sent again later, unchanged: no answer at all, or a retryable
 * status. A decision is retried under the same idempotency key, so one that the server applied
 * before the answer was lost is not applied twice.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && RETRYABLE_STATUSES.has(error.status)) || isSessionEnded(error);
}

/**
 * 401 `unauthenticated` in team mode: the session ended (expired, logged out in another tab). The
 * request may succeed unchanged once the user signs in again, so a decision waits for that instead
 * of being dropped; the app shows the login meanwhile.
 */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === "unauthenticated";
}
