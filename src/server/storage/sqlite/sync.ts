/*
 * better-sqlite3 is synchronous: the SQLite store does its work in plain functions and puts a thin
 * async surface on top (one resolved promise per call, nothing else on the hot path).
 */

/** The synchronous shape of an async interface: each `(...a) => Promise<R>` becomes `(...a) => R`. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};
