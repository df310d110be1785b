import type { Context } from "hono";

/*
 * What a request says about where it came from. X-Forwarded-* headers are anyone's to send, so
 * they count only with `serve --trust-proxy` (a reverse proxy in front that sets them).
 */

/** Whether the browser reached us over HTTPS (so the session cookie is marked Secure). */
export function cameOverHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  if (!trustProxy) return false;
  return (c.req.header("x-forwarded-proto") ?? "").split(",")[0]?.trim().toLowerCase() === "https";
}

/** The client's address, for the login rate limit: the socket's peer, or the proxy's X-Forwarded-For. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined;
  const address = env?.incoming?.socket?.remoteAddress;
  return typeof address === "string" ? address : "unknown";
}

/** The host (name:port) the browser addressed: Host, or the proxy's X-Forwarded-Host. */
export function requestHost(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return (forwarded || c.req.header("host") || new URL(c.req.url).host).toLowerCase();
}
