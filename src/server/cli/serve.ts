import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { UserError } from "../errors";
import { SESSION_IDLE_MS, SESSION_TTL_MS } from "../http/auth/sessions";
import { exportChunks } from "../export/exportChunks";
import { startHttpServer, type HttpServerHandle } from "../http/listen";
import { databaseTarget, isPostgresUrl, openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { createLiveSync, type LiveSync } from "../sync/liveSync";
import { importWithProgress } from "./importWithProgress";
import { createSyncWriter } from "../sync/syncWriter";
import { removeStaleTemps } from "../export/atomicWrite";
import { closeSharedReanalyzer } from "../review/reanalyzer";
import { createLiveEvents, type LiveEvents } from "../events/liveEvents";
import type { EventBus } from "../events/bus";
import { createPgBus } from "../events/pgBus";
import { BusyError } from "../storage/errors";
import { redact } from "../storage/pg/connection";

/** The package root (this file is src/server/cli/serve.ts), so bundled paths work from any cwd. */
const packageRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const SAMPLE_FILE = join(packageRoot, "sample/MMR_sample.json");
export const SAMPLE_IMAGES = join(packageRoot, "sample/images");
const CLIENT_DIR = join(packageRoot, "dist/client");

export const DEFAULT_PORT = 4317;
export const DEFAULT_HOST = "127.0.0.1";
/** Relative to the working directory, like `.cache/` of other tools; `--db` overrides it. */
export const DEFAULT_DB = ".cache/mmr-review.db";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface ServeOptions {
  data?: string[];
  images?: string;
  db?: string;
  port: string;
  host: string;
  syncTo?: string;
  trustProxy?: boolean;
  /** Minutes a session may go unused before it ends (default SESSION_IDLE_MS). */
  sessionIdle?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new UserError(`--port ${value}: expected a number from 0 to 65535`);
  return port;
}

/** `--session-idle <minutes>`: a whole number of minutes from 1 to a week. */
export function parseSessionIdle(value: string | undefined): number {
  if (value === undefined) return SESSION_IDLE_MS;
  const minutes = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || minutes < 1 || minutes > 7 * 24 * 60) {
    throw new UserError(`--session-idle ${value}: expected whole minutes from 1 to 10080 (a week)`);
  }
  return minutes * 60_000;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A live update that could not be sent while the database is away is one line, not a stack. */
function logLiveError(error: unknown): void {
  if (error instanceof BusyError) log(error.message);
  else console.error(error);
}

/** Imports what `--data` names (or the sample), each a no-op when the file is unchanged. */
async function importData(store: ReviewStore, options: ServeOptions, events?: LiveEvents): Promise<string[]> {
  const files = options.data?.length ? options.data.map((f) => resolve(f)) : null;
  if (!files) {
    const others = (await store.listSplits()).filter((s) => resolve(s.sourceFile) !== SAMPLE_FILE);
    // A database holding imported splits is served as it is; an empty one gets the sample.
    if (others.length > 0) return options.images ? [resolve(options.images)] : [];
    if (!existsSync(SAMPLE_FILE)) throw new UserError(`the bundled sample ${SAMPLE_FILE} is missing; pass --data FILE`);
    const imagesDir = options.images ? resolve(options.images) : SAMPLE_IMAGES;
    await importOne(store, SAMPLE_FILE, imagesDir, events);
    return [imagesDir];
  }
  const imagesDir = options.images ? resolve(options.images) : null;
  if (!imagesDir) log("note: no --images folder given; images will show as missing");
  for (const file of files) {
    if (!existsSync(file)) throw new UserError(`${file}: no such file`);
    await importOne(store, file, imagesDir, events);
  }
  return imagesDir ? [imagesDir] : [];
}

async function importOne(store: ReviewStore, file: string, imagesDir: string | null, events?: LiveEvents): Promise<void> {
  const result = await importWithProgress(store, file, imagesDir ? { imagesDir } : {});
  if (result.skipped) log(`${file}: unchanged since the last import`);
  else log(`${file}: imported split ${result.split} (${result.images} images, ${result.pairs} pairs)`);
  if (!result.skipped) events?.imported(result.split, result.pairs);
}

function displayUrl(host: string, port: number): string {
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${shown.includes(":") && !shown.startsWith("[") ? `[${shown}]` : shown}:${port}/`;
}

export async function runServe(options: ServeOptions): Promise<void> {
  const port = parsePort(options.port);
  const sessionIdleMs = parseSessionIdle(options.sessionIdle);
  const target = databaseTarget(options.db, DEFAULT_DB)!;
  let db = target;
  if (!isPostgresUrl(target)) {
    db = resolve(target);
    mkdirSync(dirname(db), { recursive: true });
  }
  const store = await openStore(db);
  const beyondLoopback = !LOOPBACK.has(options.host);
  // Without users there is no login: the app is open to whoever reaches the port.
  if (beyondLoopback && !(await store.accounts().hasUsers())) {
    await store.close();
    const dbArg = isPostgresUrl(db) ? `'${redact(db)}'` : target;
    throw new UserError(`--host ${options.host}: refusing to listen beyond 127.0.0.1 without users; add one first: mmr-review users add NAME --role admin --db ${dbArg}`);
  }
  let http: HttpServerHandle;
  let sync: LiveSync | null = null;
  // The bus goes with the store: PostgreSQL's LISTEN/NOTIFY crosses processes, SQLite's stays in one.
  let bus: EventBus | undefined;
  if (isPostgresUrl(db)) {
    try {
      bus = await createPgBus({ url: db, log, onListenerError: logLiveError });
    } catch (error) {
      await store.close();
      throw new UserError(`--db ${redact(db)}: cannot listen for live updates (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const events = createLiveEvents({
    splitExists: async (split) => (await store.getSplit(split)) !== null,
    ...(bus ? { bus } : {}),
    logError: logLiveError,
  });
  try {
    const imagesDirs = await importData(store, options, events);

    if (options.syncTo) {
      const dir = resolve(options.syncTo);
      mkdirSync(dir, { recursive: true });
      const stale = await removeStaleTemps(dir);
      if (stale.length > 0) log(`removed ${stale.length} temporary file${stale.length === 1 ? "" : "s"} a stopped sync left in ${dir}`);
      sync = createLiveSync({
        write: createSyncWriter(store, dir),
        onError: (split, error) => log(`sync of ${split} to ${dir} failed: ${error instanceof Error ? error.message : String(error)}`),
      });
      log(`syncing cleaned splits and decision logs to ${dir}`);
      // With several servers on one PostgreSQL, the other servers' decisions and imports arrive on
      // the bus: the synced files follow the whole team, not only this process's writes. After a
      // lost connection the gap's events are gone, so every split is brought in line again. This
      // process's own decisions arrive here too, besides `onDecision` below: the debounce makes the
      // second notice free, and the direct one does not depend on a NOTIFY getting through.
      if (bus) {
        const following = sync;
        bus.subscribe(null, (event) => {
          if (event.type === "decision" || event.type === "imported") following.notify(event.split);
        });
        bus.onResync?.(() => {
          void store
            .listSplits()
            .then((splits) => {
              for (const split of splits) following.notify(split.name);
            })
            .catch((error: unknown) => log(`sync after reconnect: ${error instanceof Error ? error.message : String(error)}`));
        });
      }
    }

    const clientDir = existsSync(join(CLIENT_DIR, "index.html")) ? CLIENT_DIR : null;
    if (!clientDir) log("note: the browser app is not built (npm run build); serving the API only");
    const liveSync = sync;
    http = await startHttpServer({
      port,
      host: options.host,
      app: {
        store,
        imagesDirs,
        clientDir,
        streamExport: (split, exportOptions) => exportChunks(store, split, exportOptions),
        ...(liveSync ? { onDecision: (split: string) => liveSync.notify(split) } : {}),
        events,
        allowedHosts: LOOPBACK.has(options.host) ? ["127.0.0.1", "localhost", "[::1]"] : null,
        auth: { trustProxy: options.trustProxy ?? false, requireUsers: beyondLoopback, sessionIdleMs, log },
      },
    });
  } catch (error) {
    await events.close();
    await sync?.close();
    await store.close();
    throw error;
  }

  // Bring DIR in line with the database once, in the background: exporting a train-sized split
  // takes seconds, and the app should not wait for it.
  for (const split of await store.listSplits()) sync?.notify(split.name);

  const running = http;
  const runningSync = sync;
  // Handlers first, then the URL: whoever starts us may send SIGTERM the moment it reads the line.
  const stopped = new Promise<void>((done) => {
    const shutdown = (signal: NodeJS.Signals) => {
      log(`${signal}: shutting down`);
      void (async () => {
        // Open event streams would hold the server's close for its whole grace period.
        await events.close();
        await running.close();
        await runningSync?.close();
        await closeSharedReanalyzer();
        await store.close();
        done();
      })();
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  });

  // The e2e harness waits for this exact shape of line on stdout.
  process.stdout.write(`MMR Review is running at ${displayUrl(options.host, http.port)}\n`);
  if (beyondLoopback) log(`listening on ${options.host}: every route but login and health needs a session or an API token`);
  else if (await store.accounts().hasUsers()) log("this database has users: sign in to review (team mode)");
  await stopped;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("import the given splits if needed, then serve the review app and its API")
    .option("--data <file...>", "MMR split file(s) to import (default: the bundled sample dataset)")
    .option("--images <dir>", "folder the records' file_name paths are relative to")
    .option("--db <file|url>", `review database: a SQLite file (created when missing) or a postgres:// URL (default: $MMR_DATABASE_URL, else ${DEFAULT_DB})`)
    .option("--port <n>", "port to listen on; 0 picks a free one", String(DEFAULT_PORT))
    .option("--host <host>", "interface to bind; anything but 127.0.0.1 needs users (mmr-review users add)", DEFAULT_HOST)
    .option("--sync-to <dir>", "keep <split>.cleaned.json and <split>.decisions.jsonl in this folder current")
    .option("--trust-proxy", "believe X-Forwarded-Proto/-For/-Host from a reverse proxy in front (Secure cookies, login rate limit per client)")
    .option("--session-idle <minutes>", `end a session unused this long (it still ends ${SESSION_TTL_MS / 3_600_000} h after login)`, String(SESSION_IDLE_MS / 60_000))
    .action(async (options: ServeOptions) => {
      await runServe(options);
    });
}
