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
