import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportChunks } from "../export/exportChunks";
import { isJsonContentType } from "./readBody";
import { MAX_LOOKUP_BYTES } from "./insightsRoutes";
import { startHttpServer, type HttpServerHandle } from "./listen";
import { MAX_DECISION_BYTES } from "./routes/pairs";
import { createTestApp, type TestApp } from "./testApp";

/* HTTP rules of issue 13: body size and type on every body route, Host quirks on raw sockets. */

let t: TestApp;
let server: HttpServerHandle;

beforeAll(async () => {
  t = await createTestApp();
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    app: {
      store: t.store,
      imagesDirs: [t.files.imagesDir],
      clientDir: null,
      streamExport: (split, options) => exportChunks(t.store, split, options),
      allowedHosts: ["127.0.0.1", "localhost"],
      logError: () => {},
    },
  });
});

afterAll(async () => {
  await server.close();
  t.close();
});

/** Sends raw bytes and returns the status code of the answer. */
function raw(request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1");
    let answer = "";
    socket.on("data", (data) => {
      answer += data.toString("latin1");
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on("error", reject);
    socket.on("end", () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(request);
  });
}

const routes = [
  { method: "PUT", path: "/api/pairs/tiny:1:0/decision", body: { status: "accepted", reviewer: "ana", baseVersion: 0 }, limit: MAX_DECISION_BYTES },
  { method: "POST", path: "/api/insights/decisions", body: { ids: ["tiny:1:0"] }, limit: MAX_LOOKUP_BYTES },
] as const;

describe("request bodies", () => {
  it("accept application/json only: parameters yes; +json types, lists and text/plain no", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonContentType('application/json;charset="utf-8"')).toBe(true);
    for (const type of [undefined, "", "text/plain", "application/json-patch+json", "application/merge-patch+json", "application/json, text/plain", "application/jsonx", "application/json; junk"]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
  });

  for (const route of routes) {
    it(`${route.method} ${route.path}: 415 for other types, 413 over ${route.limit} bytes, 200 otherwise`, async () => {
      const send = (type: string | null, body: string) =>
        t.app.request(route.path, { method: route.method, headers: type === null ? {} : { "Content-Type": type }, body });
      const text = JSON.stringify(route.body);
      for (const type of ["text/plain", "application/json-patch+json", "application/json, text/plain", "application/x-www-form-urlencoded", null]) {
        expect((await send(type, text)).status, String(type)).toBe(415);
      }
      // Valid JSON, just too large: 413 before parsing.
      const padded = JSON.stringify({ ...route.body, pad: "x".repeat(route.limit) });
      expect((await send("application/json", padded)).status).toBe(413);
      expect((await send("application/json; charset=utf-8", text)).status).toBe(200);
    });

    it(`${route.method} ${route.path}: 413 on the socket when the body streams past the limit without a length`, async () => {
      const chunk = "x".repeat(route.limit + 10);
      const request =
        `${route.method} ${route.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
      expect(await raw(request)).toBe(413);
    });
  }
});

describe("Host", () => {
  it("serves a normal request", async () => {
    expect(await raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).toBe(200);
  });

  it("refuses an empty Host", async () => {
    expect(await raw("GET /api/health HTTP/1.1\r\nHost:\r\n\r\n")).toBe(400);
  });

  it("refuses a duplicated Host, whichever comes first", async () => {
    expect(await raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n")).toBe(400);
    expect(await raw("GET /api/health HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1\r\n\r\n")).toBe(400);
  });

  it("refuses an absolute-form request target", async () => {
    expect(await raw("GET http://127.0.0.1/api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).toBe(400);
    expect(await raw("GET http://evil.example/api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).toBe(400);
  });

  it("still refuses a foreign host (DNS rebinding)", async () => {
    expect(await raw("GET /api/health HTTP/1.1\r\nHost: evil.example\r\n\r\n")).toBe(403);
  });
});
