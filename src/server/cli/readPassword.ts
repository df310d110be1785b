import { UserError } from "../errors";

/*
 * A password is read from standard input, never from the command line (argv is visible to every
 * user of the machine in `ps` and lands in shell history). On a terminal it is asked for twice
 * without echo; piped, the first line is the password (`printf '%s\n' "$PW" | mmr-review users add …`).
 */

async function firstLine(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(10)) break;
  }
  const text = Buffer.concat(chunks).toString("utf8");
  const line = text.split(/\r?\n/)[0] ?? "";
  return line;
}

function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    input.setRawMode(true);
    input.resume();
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n") return done();
        if (char === "\u0003") return done(new UserError("cancelled", 130));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
      return undefined;
    };
    input.on("data", onData);
  });
}

export async function readNewPassword(what = "password"): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await firstLine(process.stdin);
    if (line === "") throw new UserError(`no ${what} on standard input (pipe it in, or run on a terminal to be asked)`);
    return line;
  }
  const first = await askHidden(`New ${what}: `);
  const second = await askHidden(`Repeat the ${what}: `);
  if (first !== second) throw new UserError("the two passwords differ; nothing was changed");
  return first;
}
