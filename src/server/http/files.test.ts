import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiErrorSchema } from "../../shared/api";
import { precompressDir } from "../../../scripts/build/precompress";
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

  it("writes loader-safe masks by default and the input as read with mode=lossless", async () => {
    const input = JSON.parse(readFileSync(t.files.splitFile, "utf8")) as unknown;
    const lossless = await t.app.request("/api/export?split=tiny&include=pending&mode=lossless");
    expect(lossless.headers.get("content-disposition")).toMatch(/filename="tiny\.cleaned-with-pending-lossless\.json"/);
    expect(await lossless.json()).toStrictEqual(input);
    // The fixture's masks are uncompressed counts, which pycocotools refuses: converted by default.
    const safe = (await (await t.app.request("/api/export?split=tiny&include=pending")).json()) as { answers: { segmentation: { counts: unknown } }[][] }[];
    const copies = safe.flatMap((r) => r.answers.flat());
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(typeof copy.segmentation.counts).toBe("string");
    expect((await t.app.request("/api/export?split=tiny&mode=raw")).status).toBe(400);
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

  it("sends the build's brotli or gzip file to a browser that takes it, with the original's type", async () => {
    const clientDir = join(t.dir, "client");
    const source = `console.log(${JSON.stringify("x".repeat(4000))});`;
    mkdirSync(join(clientDir, "assets"), { recursive: true });
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>MMR</title>");
    writeFileSync(join(clientDir, "assets", "app-1a2b.js"), source);
    const stats = precompressDir(clientDir);
    expect(stats.files).toBe(1); // index.html is under 1 KB: sent as it is
    const c = await createTestApp({ clientDir });
    try {
      const br = await c.app.request("/assets/app-1a2b.js", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
      expect(br.headers.get("content-encoding")).toBe("br");
      expect(br.headers.get("vary")).toBe("Accept-Encoding");
      expect(br.headers.get("content-type")).toMatch(/javascript/);
      expect(br.headers.get("cache-control")).toMatch(/immutable/);
      const brBody = Buffer.from(await br.arrayBuffer());
      expect(brBody.length).toBeLessThan(source.length / 10);
      expect(brotliDecompressSync(brBody).toString()).toBe(source);

      const gz = await c.app.request("/assets/app-1a2b.js", { headers: { "Accept-Encoding": "gzip, br;q=0" } });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(source);
      expect(gz.headers.get("etag")).not.toBe(br.headers.get("etag")); // one validator per representation

      const plain = await c.app.request("/assets/app-1a2b.js");
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(plain.headers.get("vary")).toBe("Accept-Encoding");
      expect(await plain.text()).toBe(source);

      const page = await c.app.request("/review/x:1:0", { headers: { "Accept-Encoding": "br" } });
      expect(page.headers.get("content-encoding")).toBeNull(); // no .br was written for it
      expect(await page.text()).toMatch(/<title>MMR/);
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
