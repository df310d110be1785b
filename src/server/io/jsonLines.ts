import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { UserError } from "../errors";

/** Lines of a JSON Lines file with their numbers (from 1), blank lines skipped; streamed. */
export async function* readJsonLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch {
    throw new UserError(`${file}: no such file`);
  }
  if (!isFile) throw new UserError(`${file}: not a file`);
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    // A byte-order mark on the first line is an editor's doing, not the data's.
    const body = line === 1 ? text.replace(/^\uFEFF/, "") : text;
    if (body.trim() === "") continue;
    yield { line, text: body };
  }
}
