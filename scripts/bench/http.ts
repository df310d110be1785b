import { Agent, request } from "node:http";

/*
 * The benchmarks' HTTP client: node:http on keep-alive sockets. A load generator shares the
 * 2-core machine with the servers and PostgreSQL, so its own cost is noise in every figure it
 * prints; for 50 reviewers fetch (undici) cost it 37 % of a core and ~170 GCs a minute (16–20 %
 * this way), which showed up as client-side tail latency that no server causes.
 */

export interface HttpAnswer {
  status: number;
  body: string;
  /** From the call to the last byte of the body, ms. */
  ms: number;
}

export interface HttpCall {
  method?: "GET" | "PUT" | "POST";
  body?: string;
  headers?: Record<string, string>;
  agent?: Agent;
}

const sharedAgent = new Agent({ keepAlive: true });

/** One request to `url` (http only), answered once the whole body has arrived. */
export function httpCall(url: string, options: HttpCall = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const body = options.body;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        agent: options.agent ?? sharedAgent,
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        headers: { ...(body !== undefined ? { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
