import { createHash } from "node:crypto";
import pg from "pg";

/*
 * Prepared statements that can ride in a batch of several statements. node-postgres sends one
 * statement per round trip when it binds parameters (extended protocol), and a batch
 * (`BEGIN; …; …`, simple protocol) takes no parameters, so a decision paid a round trip for its
 * write and another for COMMIT, or had PostgreSQL plan an inlined statement on every call. Here a
 * statement is PREPAREd once per connection under a name made from its text, and the batch holds
 * `EXECUTE name(literal, …)`: planned once, and sent with whatever comes before or after it.
 *
 * Only texts written by our code belong here (the name comes from the text); every value is
 * rendered as an escaped literal by `sqlLiteral`, never spliced in as SQL. PREPARE outlives a
 * ROLLBACK (it is not transactional), so a statement counts as prepared once its PREPARE returned.
 */

const prefix = "x";
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

/** The statement name of `text` (distinct from node-postgres's own named statements). */
export function statementName(text: string): string {
  return `${prefix}${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
}

/** `value` as a PostgreSQL literal: strings escaped, arrays as array literals, nothing else but numbers, booleans and null. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(",")}}`);
  throw new TypeError(`no literal for a value of type ${typeof value}`);
}

/** One element of an array literal: quoted, with `"` and `\` escaped (a NULL stays unquoted). */
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
  if (typeof value !== "number" && typeof value !== "string" && typeof value !== "bigint" && typeof value !== "boolean") {
    throw new TypeError(`no array element for a value of type ${typeof value}`);
  }
  return `"${String(value).replace(/["\\]/g, "\\$&")}"`;
}

/**
 * `EXECUTE` of `text` with `values` ($1, $2, … in order), for a batch: prepares the statement on
 * this connection first if it has not been (one round trip, once per connection and text).
 */
export async function executeSql(client: pg.ClientBase, text: string, values: readonly unknown[]): Promise<string> {
  const name = statementName(text);
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  if (!names.has(name)) {
    await client.query(`PREPARE ${name} AS ${text}`);
    names.add(name);
  }
  return values.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${values.map(sqlLiteral).join(", ")})`;
}
