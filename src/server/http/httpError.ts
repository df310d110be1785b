import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ApiError } from "../../shared/api";

/** An error the API reports as `{ error: { code, message } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function errorBody(code: string, message: string): ApiError {
  return { error: { code, message } };
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  return c.json(errorBody(code, message), status);
}

/** One line naming the first offending field, e.g. `reasons: a reject needs at least one reason`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid input";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses `value` with a shared schema or throws a 400 naming the field. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, code = "invalid_input"): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, code, describeZodError(result.error));
  return result.data;
}
