import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { UserError } from "../../errors";

/*
 * Rows for `COPY … FROM STDIN` in PostgreSQL's text format, buffered per table and sent in one
 * COPY per table and flush. Values are escaped, never interpolated into SQL.
 */

export type CopyValue = string | number | null;

/** One field in COPY text format. PostgreSQL text cannot hold U+0000: refused with one line. */
export function copyField(value: CopyValue, what: () => string): string {
  if (value === null) return "\\N";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new UserError(`${what()}: not a finite number (${value})`);
    return String(value);
  }
  if (value.includes("\u0000")) throw new UserError(`${what()}: contains a NUL character (\\u0000), which PostgreSQL cannot store`);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

export class CopyBuffer {
  private lines: string[] = [];
  private chars = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(values: readonly CopyValue[], what: () => string): void {
    const line = values.map((v) => copyField(v, what)).join("\t") + "\n";
    this.lines.push(line);
    this.chars += line.length;
  }

  get size(): number {
    return this.chars;
  }

  async flush(client: pg.ClientBase): Promise<void> {
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.chars = 0;
    const sink = client.query(copyFrom(`COPY ${this.table} (${this.columns.join(", ")}) FROM STDIN`));
    await pipeline(Readable.from(batches(lines)), sink);
  }
}

/** Lines joined into ~256 KB chunks: fewer, larger writes to the socket. */
function* batches(lines: string[]): Generator<string> {
  let chunk = "";
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1 << 18) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
