import { UserError } from "../errors";

/*
 * Typed storage errors. Every `ReviewStore` implementation raises these (never its driver's own
 * errors) for the failures its callers handle, so the importer, the CLI and the HTTP layer decide
 * what to tell the user without knowing which database is behind the store. Anything else a store
 * throws is a defect or an I/O failure and is reported as such.
 */

/** Base class: `instanceof StorageError` tells a storage failure the caller may explain. */
export class StorageError extends UserError {
  constructor(message: string, exitCode = 2) {
    super(message, exitCode);
    this.name = "StorageError";
  }
}

/** The named split, pair or model does not exist (HTTP 404). */
export class NotFoundError extends StorageError {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/**
 * The write conflicts with the stored state: a record that breaks a uniqueness rule of the store
 * (e.g. two records with the same image id in one import), or a change made meanwhile (HTTP 409).
 * Compare-and-set on decisions is not reported this way: it is a normal outcome of `saveDecision`
 * (`{ kind: "conflict", current }`), carrying the winner.
 */
export class ConflictError extends StorageError {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * `listPairs` got a cursor it did not issue (or one from another sort order): a client error,
 * which the API answers with 400.
 */
export class InvalidCursorError extends StorageError {
  constructor() {
    super("invalid cursor: pass back the nextCursor of the previous page unchanged");
    this.name = "InvalidCursorError";
  }
}

/**
 * The store cannot take the request now (an import holds it, the database is locked or the
 * connection is down); retrying later may succeed (HTTP 503).
 */
export class BusyError extends StorageError {
  constructor(message: string) {
    super(message);
    this.name = "BusyError";
  }
}

/** The database was written by a newer mmr-review: this program refuses to touch it. */
export class SchemaTooNewError extends StorageError {
  constructor(message: string) {
    super(message);
    this.name = "SchemaTooNewError";
  }
}
