import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiErrorSchema } from "../../shared/api";
import { createTestApp, putDecision, type TestApp } from "./testApp";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe("images", () => {
  it("serves an image by id with its type and validators, and 304 when unchanged", async () => {
    const response = await t.app.request("/api/images/tiny/1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toMatch(/max-age/);
    const etag = response.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(response.headers.get("last-modified")).toBeTruthy();
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const again = await t.app.request("/api/images/tiny/1", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  });

  it("reports a missing image as a 404 the UI can show", async () => {
    const response = await t.app.request("/api/images/tiny/2");
    expect(response.status).toBe(404);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe("image_missing");
    expect((await t.app.request("/api/images/tiny/999")).status).toBe(404);
  });

  it("refuses a record whose file_name climbs out of the images folder", async () => {
    // Record 3 has file_name "../../etc/passwd".
    const response = await t.app.request("/api/images/tiny/3");
    expect(response.status).toBe(403);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe("image_refused");
  });

  it("answers 404 on the old split-less URL", async () => {
    const response = await t.app.request("/api/images/1");
    expect(response.status).toBe(404);
  });

  it("never takes a path from the request", async () => {
    for (const path of [
      "/api/images/..%2f..%2fetc%2fpasswd",
      "/api/images/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/api/images/a.png",
      "/api/images/1%00.png",
      "/api/images/../../etc/passwd",
      "/api/images/1e3",
      "/api/images/tiny/1e3",
      "/api/images/..%2f/1",
      "/api/images/nope/1",
    ]) {
      const response = await t.app.request(path);
      // (`/api/images/../../etc/passwd` is normalised by URL parsing to `/etc/passwd`, a client route.)
      expect(response.status, path).not.toBe(200);
      expect(await response.text(), path).not.toMatch(/root:/);
    }
  });
});

describe("export download", () => {
  it("streams the cleaned split as an attachment", async () => {
    await putDecision(t.app, "tiny:1:2", { status: "accepted", reviewer: "ana", baseVersion: 0 });
    await putDecision(t.app, "tiny:2:0", { status: "rejected", reasons: ["other"], reviewer: "ana", baseVersion: 0 });

    const response = await t.app.request("/api/export?split=tiny");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="tiny\.cleaned\.json"/);
    const records = (await response.json()) as { image_id: number; questions: string[]; custom_field?: unknown }[];
    expect(records.map((r) => [r.image_id, r.questions])).toEqual([[1, ["What would I work on while resting?"]]]);
    expect(records[0]!.custom_field).toEqual({ kept: true });

    const withPending = (await (await t.app.request("/api/export?split=tiny&include=pending")).json()) as { image_id: number }[];
    expect(withPending.map((r) => r.image_id)).toEqual([1, 3]);
  });

  it("refuses an unknown split or a bad query", async () => {
    expect((await t.app.request("/api/export?split=nope")).status).toBe(404);
    expect((await t.app.request("/api/export")).status).toBe(400);
    expect((await t.app.request("/api/export?split=tiny&include=rejected")).status).toBe(400);
  });
});

describe("the built client", () => {
  function withClient(): Promise<TestApp> {
    const clientDir = join(t.dir, "client");
    mkdirSync(join(clientDir, "assets"), { recursive: true });
    writeFileSync(join(clientDir, "index.html"), '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>');
    writeFileSync(join(clientDir, "assets", "app-1a2b.js"), "console.log(1)");
    writeFileSync(join(clientDir, "favicon.svg"), "<svg/>");
    return createTestApp({ clientDir });
  }

  it("serves hashed assets for a year and index.html for deep links, revalidated", async () => {
    const c = await withClient();
    try {
      const asset = await c.app.request("/assets/app-1a2b.js");
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toMatch(/javascript/);
      expect(asset.headers.get("cache-control")).toMatch(/immutable/);

      for (const path of ["/", "/review/tiny:1:0", "/gallery", "/dashboard", "/export"]) {
        const page = await c.app.request(path);
        expect(page.status, path).toBe(200);
        expect(page.headers.get("content-type"), path).toMatch(/text\/html/);
        expect(page.headers.get("cache-control"), path).toBe("no-cache");
        expect(page.headers.get("content-security-policy"), path).toMatch(/script-src 'self'(;|$)/);
      }
      expect((await c.app.request("/favicon.svg")).headers.get("content-type")).toBe("image/svg+xml");
      expect((await c.app.request("/assets/gone-9z.js")).status).toBe(404);
      const escape = await c.app.request("/..%2f..%2fetc%2fpasswd");
      expect(await escape.text()).not.toMatch(/root:/);
    } finally {
      c.close();
    }
  });

  it("says the app is not built when dist/client is missing", async () => {
    const page = await t.app.request("/review/tiny:1:0");
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/npm run build/);
  });
});

describe("hardening", () => {
  it("refuses foreign Host headers when bound to loopback (DNS rebinding)", async () => {
    const c = await createTestApp({ allowedHosts: ["127.0.0.1", "localhost"] });
    try {
      expect((await c.app.request("http://127.0.0.1:4317/api/health")).status).toBe(200);
      expect((await c.app.request("http://localhost/api/health")).status).toBe(200);
      const evil = await c.app.request("http://evil.example:4317/api/health");
      expect(evil.status).toBe(403);
    } finally {
      c.close();
    }
  });

  it("answers API errors with JSON and no caching", async () => {
    const response = await t.app.request("/api/pairs/tiny:9:9");
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
