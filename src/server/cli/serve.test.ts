import { request } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../../e2e/server";
import { writeFixture } from "../http/testFixture";

/** A raw request, so tests can send what browsers never would (foreign Host headers). */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? "GET", headers: options.headers },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("mmr-review serve", () => {
  const dir = mkdtempSync(join(tmpdir(), "mmr-serve-"));
  const fixture = writeFixture(dir);
  const syncDir = join(dir, "synced");
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(["--data", fixture.splitFile, "--images", fixture.imagesDir, "--sync-to", syncDir], { dbDir: dir });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the URL it listens on, on 127.0.0.1 with the real port of --port 0", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
  });

  it("serves the imported split", async () => {
    const response = await fetch(`${server.url}/api/splits`);
    const body = (await response.json()) as { splits: { name: string; pairs: number }[] };
    expect(body.splits.map((s) => [s.name, s.pairs])).toEqual([["tiny", 5]]);
  });

  it("reads decision bodies from the socket with the size limit", async () => {
    const ok = await rawRequest(`${server.url}/api/pairs/tiny:1:0/decision`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "accepted", reviewer: "ana", baseVersion: 0 }),
    });
    expect(ok.status).toBe(200);
    const big = JSON.stringify({ status: "accepted", reviewer: "ana", baseVersion: 1, note: "x".repeat(100_000) });
    const declared = await rawRequest(`${server.url}/api/pairs/tiny:1:0/decision`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: big });
    expect(declared.status).toBe(413);
    const chunked = await rawRequest(`${server.url}/api/pairs/tiny:1:0/decision`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      body: big,
    });
    expect(chunked.status).toBe(413);
  });

  it("keeps the --sync-to folder current (debounced after the decision)", async () => {
    // Its own decision, so the test holds whatever other tests decided (or whether they ran).
    const cleaned = join(syncDir, "tiny.cleaned.json");
    const log = join(syncDir, "tiny.decisions.jsonl");
    const put = await rawRequest(`${server.url}/api/pairs/tiny:2:0/decision`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "accepted", reviewer: "sync", baseVersion: 0 }),
    });
    expect(put.status).toBe(200);
    // No clock: the test's timeout bounds the wait.
    const decided = () => existsSync(log) && readFileSync(log, "utf8").includes('"id":"tiny:2:0"');
    while (!decided()) await new Promise((r) => setTimeout(r, 100));
    const records = JSON.parse(readFileSync(cleaned, "utf8")) as { image_id: number; questions: string[] }[];
    // Image 2's one pair is accepted, so the cleaned split holds it (image 1 only if another test accepted there).
    expect(records.find((r) => r.image_id === 2)?.questions).toHaveLength(1);
  }, 30_000);

  it("refuses a foreign Host header (DNS rebinding) while bound to loopback", async () => {
    const response = await rawRequest(`${server.url}/api/health`, { headers: { Host: "attacker.example" } });
    expect(response.status).toBe(403);
    expect((await rawRequest(`${server.url}/api/health`, { headers: { Host: "localhost" } })).status).toBe(200);
  });

  it("shuts down cleanly on SIGTERM", async () => {
    // A server of its own: stopping the shared one would break any test that runs after it.
    const own = await startServer(["--data", fixture.splitFile, "--images", fixture.imagesDir], { dbDir: mkdtempSync(join(dir, "own-")) });
    const exited = new Promise<number | null>((done) => own.process.once("exit", (code) => done(code)));
    own.process.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
