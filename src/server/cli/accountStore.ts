import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UserError } from "../errors";
import type { AccountStore } from "../storage/accounts";
import { openStore } from "../storage/open";
import { isPostgresUrl } from "../storage/pg/connection";
import { PgStore } from "../storage/pg/pgStore";

/** The accounts of `--db` (a SQLite file that must exist, or a postgres:// URL), and how to close it. */
export async function openAccounts(db: string): Promise<{ accounts: AccountStore; close(): Promise<void> }> {
  if (isPostgresUrl(db)) {
    const store = await PgStore.open(db, { max: 2 });
    return { accounts: store.accounts(), close: () => store.close() };
  }
  const file = resolve(db);
  // A typo in --db must not create an empty database whose only user is the one being added.
  if (!existsSync(file)) throw new UserError(`--db ${db}: no such database (run mmr-review serve or import first, or pass --db)`);
  const store = await openStore(file);
  return { accounts: store.accounts(), close: () => store.close() };
}
