import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../../../e2e/server";
import { addUser } from "../accounts/manage";
import { writeFixture } from "../http/testFixture";
import { openStore } from "../storage/open";

/* The two modes as `serve` starts them: solo only on loopback; with users, sessions everywhere. */

const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mmr-serve-auth-"));
const fixture = writeFixture(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serve and accounts", () => {
  it("refuses to listen beyond loopback without users, in one line with exit code 2", () => {
    const db = join(dir, "solo.db");
    const result = spawnSync(process.execPath, [bin, "serve", "--host", "0.0.0.0", "--port", "0", "--db", db, "--data", fixture.splitFile], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mmr-review: --host 0\.0\.0\.0: refusing to listen beyond 127\.0\.0\.1 without users; add one first: mmr-review users add/);
  }, 60_000);

  it("with a user, listens beyond loopback and wants a session for everything but health and login", async () => {
    const dbDir = mkdtempSync(join(dir, "team-"));
    const store = await openStore(join(dbDir, "review.db"));
    await addUser(store.accounts(), "ana", "reviewer", "a long enough password");
    await store.close();
    const server = await startServer(["--host", "0.0.0.0", "--data", fixture.splitFile, "--images", fixture.imagesDir], { dbDir });
    try {
      const url = server.url.replace("0.0.0.0", "127.0.0.1");
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/splits`)).status).toBe(401);
      const login = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "ana", password: "a long enough password" }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
      expect((await fetch(`${url}/api/splits`, { headers: { Cookie: cookie } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
