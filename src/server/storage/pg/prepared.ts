import { createHash } from "node:crypto";
import type pg from "pg";

/*
 * Named statements for the hot write path: node-postgres prepares a named statement once per
 * connection and then only binds and executes it, so PostgreSQL does not parse and plan the same
 * text on every decision (a decision runs about ten statements). Only fixed texts belong here:
 * the name is derived from the text, and one name must never carry two texts.
 */

const names = new Map<string, string>();

export function prepared(text: string, values: readonly unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) names.set(text, (name = `w${createHash("sha1").update(text).digest("hex").slice(0, 20)}`));
  return { name, text, values: [...values] };
}
