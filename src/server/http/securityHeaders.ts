import type { MiddlewareHandler } from "hono";

/**
 * Scripts only from our own origin (no inline scripts, no eval); images from our origin plus the
 * blob:/data: URLs the canvas makes for masks; styles may be inline because React and Konva set
 * element styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
  };
}

/**
 * Refuses requests whose Host header is not one we serve. A server bound to 127.0.0.1 is otherwise
 * open to DNS rebinding: a web page whose name re-resolves to 127.0.0.1 could read and write
 * decisions. `allowed` holds host names without port; null disables the check (`--host` given).
 */
export function hostCheck(allowed: readonly string[] | null): MiddlewareHandler {
  const names = allowed ? new Set(allowed.map((h) => h.toLowerCase())) : null;
  return async (c, next) => {
    const malformed = malformedHost(c.env, c.req.header("host"));
    if (malformed) return c.json({ error: { code: "bad_host", message: malformed } }, 400);
    if (names) {
      // The Node adapter builds the request URL from the Host header; IPv6 names keep their brackets.
      const name = new URL(c.req.url).hostname.toLowerCase();
      if (!names.has(name)) {
        return c.json({ error: { code: "forbidden_host", message: `host ${JSON.stringify(name)} is not served here` } }, 403);
      }
    }
    await next();
    return undefined;
  };
}

/**
 * Why the request's Host is unusable, or null: refused always (whatever `--host`), because each
 * lets a request name one host to the check and another to something else. An empty Host, more
 * than one Host header (Node keeps the first), or an absolute-form target (`GET http://x/ HTTP/1.1`,
 * whose URL host overrides the header). The raw checks need the Node request (`env.incoming`);
 * under `app.request()` only the header is seen.
 */
export function malformedHost(env: unknown, header: string | undefined): string | null {
  const incoming = (env as { incoming?: { rawHeaders?: unknown; url?: unknown } } | undefined)?.incoming;
  if (incoming && Array.isArray(incoming.rawHeaders)) {
    const raw = incoming.rawHeaders as string[];
    let hosts = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === "host") hosts++;
    if (hosts !== 1) return hosts === 0 ? "the request has no Host header" : "the request has more than one Host header";
    if (typeof incoming.url !== "string" || !incoming.url.startsWith("/")) return "the request target must be a path (origin form), not an absolute URL";
  }
  if (header !== undefined && header.trim() === "") return "the request's Host header is empty";
  return null;
}
