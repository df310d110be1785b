import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/*
 * A private PostgreSQL server for tests that must stop or restart PostgreSQL (reconnects, 503s,
 * "restart PostgreSQL under load"): its own data folder under the OS temp folder, its own free TCP
 * port on 127.0.0.1 and its own socket folder, so stopping it cannot disturb anyone else's tests on
 * the shared cluster (never `pg_ctlcluster 15 main restart` in a test). Shared test helper: the
 * wire branch (src/server/http/reconnect.test.ts) and ops' reliability tests use it.
 *
 * Uses Debian's binaries (/usr/lib/postgresql/<version>/bin; MMR_PG_BIN overrides). PostgreSQL
 * refuses to run as root, so as root every command runs as the `postgres` OS user (runuser); the
 * cluster's superuser is named after the current OS user, so `clientConfig`'s default user (the OS
 * user) and the URLs below connect without a password (trust, loopback only).
 *
 *   const cluster = await startPrivateCluster();
 *   const url = await cluster.createDatabase("mmr");
 *   … await cluster.restart(); …
 *   await cluster.destroy();
 */

const run = promisify(execFile);

export interface PrivateClusterOptions {
  /** Extra `-c name=value` server settings (e.g. { fsync: "off" } for speed where durability is not tested). */
  settings?: Record<string, string>;
}

export interface PrivateCluster {
  readonly port: number;
  readonly dataDir: string;
  /** postgres://<os user>@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop`: "fast" (default) disconnects clients and shuts down cleanly; "immediate" is a crash. */
  stop(mode?: "smart" | "fast" | "immediate"): Promise<void>;
  /** Starts it again on the same port and data (waits until it accepts connections). */
  start(): Promise<void>;
  restart(mode?: "fast" | "immediate"): Promise<void>;
  /** Whether the server is running. */
  running(): boolean;
  /** Stops it (immediate) and removes its folder. Idempotent. */
  destroy(): Promise<void>;
}

function binDir(): string {
  if (process.env.MMR_PG_BIN) return process.env.MMR_PG_BIN;
  for (const version of ["17", "16", "15", "14", "13"]) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, "pg_ctl"))) return dir;
  }
  throw new Error("no PostgreSQL binaries found under /usr/lib/postgresql/*/bin (apt-get install -y postgresql, or set MMR_PG_BIN)");
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** argv that runs `command` as the user PostgreSQL accepts. */
function argv(command: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function postgresUid(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export async function startPrivateCluster(options: PrivateClusterOptions = {}): Promise<PrivateCluster> {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), "mmr-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "socket");
  mkdirSync(socketDir);
  if (asRoot) {
    const { uid, gid } = postgresUid();
    chownSync(root, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  const superuser = userInfo().username;
  const logFile = join(root, "server.log");
  const port = await freePort();
  let isRunning = false;
  let destroyed = false;

  const pgCtl = async (...args: string[]) => {
    const [command, list] = argv(join(bin, "pg_ctl"), args);
    try {
      await run(command, list, { encoding: "utf8" });
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-8).join("\n") : "";
      throw new Error(`pg_ctl ${args[0]} failed: ${error instanceof Error ? error.message : String(error)}\n${log}`, { cause: error });
    }
  };

  const [initCommand, initArgs] = argv(join(bin, "initdb"), [
    "-D", dataDir, "-U", superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
  ]);
  await run(initCommand, initArgs, { encoding: "utf8" });

  const settings = { listen_addresses: "127.0.0.1", ...options.settings };
  const serverOptions = [`-p ${port}`, `-k ${socketDir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(" ");

  // A test process that dies without destroy() must not leave a server running.
  const onExit = () => {
    if (!isRunning) return;
    try {
      const [command, list] = argv(join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "immediate", "-w"]);
      execFileSync(command, list, { stdio: "ignore" });
    } catch {
      // Already gone.
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  const cluster: PrivateCluster = {
    port,
    dataDir,
    url: (database = "postgres") => `postgres://${encodeURIComponent(superuser)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
      const client = new pg.Client({ connectionString: cluster.url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return cluster.url(name);
    },
    async start() {
      if (destroyed) throw new Error("the private cluster was destroyed");
      await pgCtl("start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverOptions);
      isRunning = true;
    },
    async stop(mode = "fast") {
      if (!isRunning) return;
      await pgCtl("stop", "-D", dataDir, "-m", mode, "-w", "-t", "60");
      isRunning = false;
    },
    async restart(mode = "fast") {
      await cluster.stop(mode);
      await cluster.start();
    },
    running: () => isRunning,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      process.removeListener("exit", onExit);
      if (isRunning) await pgCtl("stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "60").catch(() => undefined);
      isRunning = false;
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await cluster.start();
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}
