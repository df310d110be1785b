import type pg from "pg";

/*
 * node-postgres emits "error" on a client whose connection ends while it is checked out of a pool
 * with no query running (between two statements of a transaction, or while an export stream waits
 * for its reader); pg-pool only listens while the client is idle, so with nobody listening the
 * event would crash the process when PostgreSQL restarts. A lasting no-op listener on every client
 * it hands out fixes that: the next query on the broken client fails (the store reports BusyError),
 * and the pool discards the client when it is released.
 */
export function guardCheckedOutClients(pool: pg.Pool): void {
  const guarded = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (client) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on("error", () => undefined);
  });
}
