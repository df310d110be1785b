import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface RunningServer {
  url: string;
  /** The SQLite file, or the `--db` URL the server was started with. */
  dbFile: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const root = resolve(import.meta.dirname, "..");

/**
 * Starts the real `mmr-review serve` on a free port with a fresh database, and resolves once it
 * prints the URL it listens on. Extra arguments default to the bundled sample dataset. `db` (a
 * `postgres://` URL, or a file) replaces the fresh SQLite file: several servers given one URL
 * share one PostgreSQL database, as a team's servers do.
 */
export async function startServer(
  args: string[] = [],
  options: { dbDir?: string; timeoutMs?: number; port?: number; db?: string } = {},
): Promise<RunningServer> {
  const ownDir = options.dbDir === undefined && options.db === undefined;
  const dir = options.dbDir ?? (options.db === undefined ? mkdtempSync(join(tmpdir(), "mmr-e2e-")) : "");
  const dbFile = options.db ?? join(dir, "review.db");
  const child = spawn(
    process.execPath,
    [join(root, "bin/mmr-review.mjs"), "serve", "--port", String(options.port ?? 0), "--db", dbFile, ...args],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MMR_TEST: "1" } },
  );
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/[\w.[\]:-]+:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    dbFile,
    process: child,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill(signal);
        await exited;
      }
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
