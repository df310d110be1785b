import { createHash } from "node:crypto";
import type pg from "pg";

/*
 * Named statements for the hot write path: node-postgres prepares a named statement once per
 * connection and then only binds and executes it, so PostgreSQL does not parse and plan the same
 * text on every decision (its read, write and tally statements) or pair detail (planning its six
 * subqueries took longer than running them). Only texts made by our code belong here, never user
 * text (values are parameters): the name is derived from the text, and one name must never carry
 * two texts. Texts built from a filter's shape (which conditions it has) are a bounded set; past
 * MAX_NAMED texts, statements go unnamed (planned each time) rather than piling up on every
 * connection.
 */

const MAX_NAMED = 500;
const names = new Map<string, string>();

export function prepared(text: string, values: readonly unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_NAMED) return { text, values: [...values] };
    names.set(text, (name = `w${createHash("sha1").update(text).digest("hex").slice(0, 20)}`));
  }
  return { name, text, values: [...values] };
}
