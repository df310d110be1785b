import pg from "pg";
import { BusyError, ConflictError, StorageError } from "../errors";

/*
 * node-postgres' failures become the typed errors of ../errors.ts here and nowhere else, so no pg
 * error object leaves the PostgreSQL store: a server that is down, restarting or dropped our
 * connection is BusyError (HTTP 503: retrying later may succeed), a broken uniqueness rule is
 * ConflictError, anything else the server refused is a StorageError with one line of its message.
 */

/** Socket-level failures: the server is not there (yet) or the connection broke. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "ENOENT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND"]);

/**
 * SQLSTATEs that mean "not now": admin/crash shutdown and cannot-connect-now (57P01-57P03), too
 * many connections (53300), serialization failure and deadlock (40001, 40P01) and every
 * connection exception (class 08).
 */
function transientState(code: string): boolean {
  return code === "57P01" || code === "57P02" || code === "57P03" || code === "53300" || code === "40001" || code === "40P01" || code.startsWith("08");
}

/** Messages node-postgres and pg-pool give (without a code) when a connection ends under a query. */
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** The typed storage error for a node-postgres error; our own errors unchanged. */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageError) return error;
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const message = oneLine(error.message);
  if (typeof code === "string" && NETWORK_CODES.has(code)) return new BusyError(`the database is unreachable (${code}); try again when it is back`);
  if (error instanceof pg.DatabaseError || (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code))) {
    const state = typeof code === "string" ? code : "";
    if (transientState(state)) return new BusyError(`the database is restarting or unavailable (${message}); try again`);
    if (state === "23505") return new ConflictError(`the database refused a duplicate row (${message})`);
    return new StorageError(`${message}${state ? ` (${state})` : ""}`);
  }
  if (CONNECTION_LOST.test(error.message)) return new BusyError(`the connection to the database was lost (${message}); try again`);
  if (/^Cannot use a pool after calling end/.test(error.message)) return new StorageError("the store is closed");
  return error;
}

/** Runs store work and rejects with the typed error of whatever it threw. */
export async function typed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(error);
  }
}

/** An async iterable whose failures are typed errors, as `typed` for streamed reads. */
export async function* typedStream<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    throw toStorageError(error);
  }
}

/**
 * `target` with every method's failure typed (promises), and the objects its methods resolve to
 * that have methods of their own (an import handle) wrapped the same way: for the insights and
 * prediction stores, so no pg error leaves them either.
 */
export function typedFacade<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(object, args);
        } catch (error) {
          throw toStorageError(error);
        }
        if (!(result instanceof Promise)) return result;
        return result.then(
          (resolved: unknown) => (isHandle(resolved) ? typedFacade(resolved) : resolved),
          (error: unknown) => {
            throw toStorageError(error);
          },
        );
      };
    },
  });
}

function isHandle(value: unknown): value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  const keys = proto && proto !== Object.prototype ? Object.getOwnPropertyNames(proto) : Object.keys(value);
  return keys.some((key) => key !== "constructor" && typeof (value as Record<string, unknown>)[key] === "function");
}
