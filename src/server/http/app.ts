import { Hono } from "hono";
import type { Decision } from "../../shared/domain";
import type { RoundEvent } from "../../shared/events";
import { HTTPException } from "hono/http-exception";
import { BusyError, ConflictError, InvalidCursorError, NotFoundError } from "../storage/errors";
import type { ReviewStore } from "../storage/store";
import type { LiveEvents } from "../events/liveEvents";
import { HttpError, errorBody } from "./httpError";
import { insightsRoutes } from "./insightsRoutes";
import { exportRoutes, type ExportStreamer } from "./routes/export";
import { imageRoutes } from "./routes/images";
import { metaRoutes } from "./routes/meta";
import { pairRoutes } from "./routes/pairs";
import { predictionRoutes } from "./routes/predictions";
import { roundRoutes } from "./routes/rounds";
import { commentRoutes } from "./routes/comments";
import { hostCheck, securityHeaders } from "./securityHeaders";
import { serveClient } from "./staticClient";
import { authGuard, type Identity } from "./auth/guard";
import type { Context } from "hono";
import { authRoutes } from "./auth/authRoutes";
import { csrfGuard } from "./auth/csrf";
import { createIdentify } from "./auth/identify";
import { createLoginLimiter, type LoginCounters, type LoginLimits } from "./auth/loginLimiter";
import { SESSION_IDLE_MS, SESSION_TTL_MS } from "./auth/sessions";

export interface AppOptions {
  store: ReviewStore;
  /** Folders images are looked up in, in order (`--images`, or the bundled sample's). */
  imagesDirs: readonly string[];
  /** The built browser app (`dist/client`); null serves a page saying it is not built. */
  clientDir?: string | null;
  streamExport: ExportStreamer;
  /** Told the split of every saved decision, after the response (live sync). */
  onDecision?: (split: string) => void;
  /** Host names (no port) accepted in the Host header; null or absent accepts any. */
  allowedHosts?: readonly string[] | null;
  /** Where unexpected errors are reported; defaults to stderr. */
  logError?: (error: unknown) => void;
  /** Live updates (`/api/events`, `/api/presence`); absent, those routes answer 404. */
  events?: LiveEvents;
  /** Who sent a request; defaults to the store's accounts (solo mode while there are no users). */
  identify?: (c: Context) => Promise<Identity>;
  auth?: AuthOptions;
}

/** Accounts and sessions (issue 11); every field has a default. */
export interface AuthOptions {
  /** Believe X-Forwarded-Proto/-For/-Host (`serve --trust-proxy`, behind a reverse proxy). */
  trustProxy?: boolean;
  /** Listening beyond loopback: no solo mode even without users (everything protected answers 401). */
  requireUsers?: boolean;
  sessionTtlMs?: number;
  /** A session unused this long ends (`serve --session-idle`; default SESSION_IDLE_MS). */
  sessionIdleMs?: number;
  loginLimits?: LoginLimits;
  now?: () => Date;
  /** Logins and logouts (names only); defaults to stderr. */
  log?: (line: string) => void;
}

/** The whole HTTP surface as a Hono app: testable with `app.request()`, listened to by `serve`. */
/** Failed logins: in the database when it is shared by several processes (PostgreSQL), else in memory. */
function loginCounters(store: ReviewStore): LoginCounters {
  const shared = store.sharedLoginCounters?.();
  return shared ? { kind: "postgres", ...shared } : { kind: "memory" };
}

export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const app = new Hono();

  app.use("*", hostCheck(options.allowedHosts ?? null));
  app.use("*", securityHeaders());
  app.use("/api/*", async (c, next) => {
    await next();
    // API answers are live data; images set their own caching.
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  const auth = options.auth ?? {};
  const trustProxy = auth.trustProxy ?? false;
  const accounts = store.accounts();
  // Cross-site writes are refused before anything else looks at them, in both modes.
  app.use("*", csrfGuard(trustProxy));
  // Sets `actor` for every route and enforces the route → roles table (auth/routeRoles.ts).
  const identify =
    options.identify ?? createIdentify({
      accounts,
      ...(auth.requireUsers ? { requireUsers: true } : {}),
      ...(auth.sessionIdleMs !== undefined ? { sessionIdleMs: auth.sessionIdleMs } : {}),
      ...(auth.now ? { now: auth.now } : {}),
    });
  app.use("*", authGuard(identify));
  app.route(
    "/api",
    authRoutes({
      accounts,
      limiter: createLoginLimiter(auth.loginLimits, loginCounters(store)),
      trustProxy,
      sessionTtlMs: auth.sessionTtlMs ?? SESSION_TTL_MS,
      sessionIdleMs: auth.sessionIdleMs ?? SESSION_IDLE_MS,
      log: auth.log ?? ((line) => process.stderr.write(`${line}\n`)),
      ...(auth.now ? { now: auth.now } : {}),
    }),
  );

  app.route("/api", metaRoutes(store));
  const events = options.events;
  if (events) app.route("/api", events.routes);
  app.route(
    "/api/pairs",
    pairRoutes({
      store,
      ...(options.onDecision ? { onDecision: options.onDecision } : {}),
      ...(events ? { onSaved: (split: string, id: string, decision: Decision) => events.decisionSaved(split, id, decision) } : {}),
    }),
  );
  app.route("/api/images", imageRoutes(store, options.imagesDirs));
  app.route("/api/export", exportRoutes(store, options.streamExport));
  app.route("/api/insights", insightsRoutes(store));
  app.route("/api/predictions", predictionRoutes(store));
  app.route(
    "/api/comments",
    commentRoutes({ store, ...(events ? { onComment: (split: string, id: string, author: string, at: string) => events.commentAdded(split, id, author, at) } : {}) }),
  );
  app.route(
    "/api/rounds",
    roundRoutes({
      store,
      ...(options.onDecision ? { onDecision: options.onDecision } : {}),
      ...(events ? { onSaved: (split: string, id: string, decision: Decision) => events.decisionSaved(split, id, decision) } : {}),
      ...(events ? { onRound: (event: Omit<RoundEvent, "type">) => events.roundChanged(event) } : {}),
    }),
  );
  app.all("/api/*", (c) => c.json(errorBody("not_found", `no API route ${c.req.method} ${new URL(c.req.url).pathname}`), 404));

  const clientDir = options.clientDir ?? null;
  app.get("*", (c) => serveClient(c, clientDir));

  app.notFound((c) => c.json(errorBody("not_found", `nothing at ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(errorBody(error.code, error.message), error.status);
    // Typed storage errors, whatever database is behind the store.
    if (error instanceof InvalidCursorError) return c.json(errorBody("invalid_cursor", error.message), 400);
    if (error instanceof NotFoundError) return c.json(errorBody("not_found", error.message), 404);
    if (error instanceof ConflictError) return c.json(errorBody("conflict", error.message), 409);
    if (error instanceof BusyError) {
      c.header("Retry-After", "1");
      return c.json(errorBody("busy", error.message), 503);
    }
    // Hono's own (malformed JSON in c.req.json(), …): keep its status, answer in our error shape.
    if (error instanceof HTTPException) return c.json(errorBody("bad_request", error.message || "bad request"), error.status);
    logError(error);
    return c.json(errorBody("internal", "internal server error; see the server log"), 500);
  });
  return app;
}
