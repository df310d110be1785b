import { BusyError, StorageError } from "../errors";

/*
 * TEMPORARY (delete once PgStore maps them itself, branch `pgstore`): node-postgres reports a lost
 * or refused connection (PostgreSQL restarting, shutting down, unreachable) as its own errors.
 * The HTTP layer maps only typed storage errors, so `withBusyErrors` turns those into BusyError
 * (HTTP 503 with Retry-After) at the store boundary. Everything else passes through unchanged.
 */

/** SQLSTATE classes/codes and socket codes that mean "the server is not there right now". */
const BUSY_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "40001", "40P01"]);
const BUSY_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOENT", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const BUSY_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed/i;

/** Whether `error` (from node-postgres) means the database cannot be reached now, so a retry may succeed. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof StorageError) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (BUSY_SQLSTATES.has(code) || BUSY_SOCKET_CODES.has(code) || code.startsWith("08")) return true;
  }
  return BUSY_MESSAGES.test(error.message);
}

export function toBusy(error: unknown): unknown {
  if (!isConnectionError(error)) return error;
  return new BusyError(`the database is unreachable right now (${(error as Error).message}); retry in a moment`);
}

function wrapIterable<T>(iterable: AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = iterable[Symbol.asyncIterator]();
      const guard = <R>(p: Promise<R>) => p.catch((error: unknown) => Promise.reject(toBusy(error)));
      return {
        next: (...args: [] | [unknown]) => guard(it.next(...args)),
        return: (value?: unknown) => (it.return ? guard(it.return(value)) : Promise.resolve({ done: true, value: undefined as T })),
        throw: (error?: unknown) => (it.throw ? guard(it.throw(error)) : Promise.reject(error)),
      } as AsyncIterator<T>;
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/**
 * The same object, its methods' rejections (promises, async iterables, and the objects
 * `beginImport` / `insights()` / `predictions()` return) mapped through `toBusy`.
 */
export function withBusyErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(object, args);
        } catch (error) {
          throw toBusy(error);
        }
        if (isPromise(result)) {
          return result.then(
            (settled) => (typeof settled === "object" && settled !== null && hasMethods(settled) ? withBusyErrors(settled) : settled),
            (error: unknown) => Promise.reject(toBusy(error)),
          );
        }
        if (isAsyncIterable(result)) return wrapIterable(result);
        if (typeof result === "object" && result !== null && hasMethods(result)) return withBusyErrors(result);
        return result;
      };
    },
  });
}

/** Handles (an import in progress, the insights or predictions sub-store), not plain data rows. */
function hasMethods(value: object): boolean {
  if (Array.isArray(value) || value instanceof Date || value instanceof Map || value instanceof Set) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return true;
  return Object.values(value).some((v) => typeof v === "function");
}
