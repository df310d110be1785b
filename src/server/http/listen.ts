import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { UserError } from "../errors";
import { createApp, type AppOptions } from "./app";

export interface HttpServerHandle {
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then drops the rest. */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  app: AppOptions;
}

/** The thin main around `createApp`: listen, report the real port (for `--port 0`), close gracefully. */
export async function startHttpServer(options: ListenOptions): Promise<HttpServerHandle> {
  const app = createApp(options.app);
  const server = await new Promise<Server>((resolveServer, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port, hostname: options.host }) as Server;
    created.once("listening", () => resolveServer(created));
    created.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new UserError(`port ${options.port} on ${options.host} is in use; pick another with --port`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new UserError(`--host ${options.host}: no such interface on this machine`));
      else reject(error);
    });
  });
  // Reviewers' browsers keep connections alive between decisions; reuse saves a handshake per write.
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    close(graceMs = 2_000) {
      return new Promise<void>((done) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
    },
  };
}
