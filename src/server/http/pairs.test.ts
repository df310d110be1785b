import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  conflictSchema,
  decisionResponseSchema,
  historyResponseSchema,
  pairDetailSchema,
  pairListSchema,
  splitListSchema,
  statsSchema,
} from "../../shared/api";
import { createTestApp, putDecision, type TestApp } from "./testApp";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function json(response: Response | Promise<Response>): Promise<unknown> {
  return (await response).json();
}

const accept = { status: "accepted", reviewer: "ana", baseVersion: 0 } as const;

describe("reading the queue", () => {
  it("reports health and the imported split with its counts", async () => {
    const health = await t.app.request("/api/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const { splits } = splitListSchema.parse(await json(t.app.request("/api/splits")));
    expect(splits).toHaveLength(1);
    expect(splits[0]).toMatchObject({ name: "tiny", images: 3, pairs: 5, byStatus: { pending: 5, accepted: 0, rejected: 0 } });
  });

  it("lists, filters and paginates pairs", async () => {
    const all = pairListSchema.parse(await json(t.app.request("/api/pairs?split=tiny")));
    expect(all.total).toBe(5);
    expect(all.items.map((p) => p.id)).toEqual(["tiny:1:0", "tiny:1:1", "tiny:1:2", "tiny:2:0", "tiny:3:0"]);

    const parts = pairListSchema.parse(await json(t.app.request("/api/pairs?split=tiny&granularity=part")));
    expect(parts.items.map((p) => p.id)).toEqual(["tiny:1:1"]);
    const unsafe = pairListSchema.parse(await json(t.app.request("/api/pairs?flag=unsafe_path")));
    expect(unsafe.items.map((p) => p.id)).toEqual(["tiny:3:0"]);
    const two = pairListSchema.parse(await json(t.app.request("/api/pairs?split=tiny&minTargets=2")));
    expect(two.items.map((p) => p.id)).toEqual(["tiny:1:2"]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/pairs?split=tiny&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = pairListSchema.parse(await json(t.app.request(query)));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((p) => p.id));
  });

  it("refuses a malformed query with a 400 naming the parameter", async () => {
    const response = await t.app.request("/api/pairs?limit=0");
    expect(response.status).toBe(400);
    const body = apiErrorSchema.parse(await response.json());
    expect(body.error.message).toMatch(/^limit/);
    expect((await t.app.request("/api/pairs?status=maybe")).status).toBe(400);
  });

  it("answers a forged or stale cursor with a 400, not a server error", async () => {
    const response = await t.app.request("/api/pairs?split=tiny&cursor=not-a-cursor");
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe("invalid_cursor");
  });

  it("returns a pair with image, annotations, targets and neighbours in the filter", async () => {
    const detail = pairDetailSchema.parse(await json(t.app.request("/api/pairs/tiny:1:2?split=tiny")));
    expect(detail.image).toMatchObject({ fileName: "a.png", width: 8, height: 6, url: "/api/images/tiny/1" });
    expect(detail.annotations.map((a) => a.instanceName)).toEqual(["chair_1", "chair_1's leg", "laptop_computer_1"]);
    expect(detail.targets).toEqual([2, 0]);
    expect(detail.prev).toBe("tiny:1:1");
    expect(detail.next).toBe("tiny:2:0");
    const filtered = pairDetailSchema.parse(await json(t.app.request("/api/pairs/tiny:1:2?split=tiny&granularity=object")));
    expect(filtered.prev).toBe("tiny:1:0");
  });

  it("answers unknown pairs and routes with 404 JSON", async () => {
    for (const path of ["/api/pairs/tiny:9:0", "/api/pairs/not-an-id", "/api/pairs/tiny:9:0/history", "/api/nothing", "/api/pairs/tiny:1:0/nothing"]) {
      const response = await t.app.request(path);
      expect(response.status, path).toBe(404);
      apiErrorSchema.parse(await response.json());
    }
    const put = await putDecision(t.app, "tiny:9:0", accept);
    expect(put.status).toBe(404);
  });
});

describe("writing decisions", () => {
  it("saves a decision and refuses a stale baseVersion with the current decision", async () => {
    const first = await putDecision(t.app, "tiny:1:0", accept);
    expect(first.status).toBe(200);
    const saved = decisionResponseSchema.parse(await first.json());
    expect(saved.decision).toMatchObject({ status: "accepted", reviewer: "ana", version: 1 });
    expect(saved.flags).toEqual(["mask_form"]); // the fixture's masks are uncompressed counts

    const stale = await putDecision(t.app, "tiny:1:0", { status: "rejected", reasons: ["ambiguous"], reviewer: "ben", baseVersion: 0 });
    expect(stale.status).toBe(409);
    const conflict = conflictSchema.parse(await stale.json());
    expect(conflict.current).toMatchObject({ status: "accepted", reviewer: "ana", version: 1 });

    const next = await putDecision(t.app, "tiny:1:0", { status: "rejected", reasons: ["ambiguous"], reviewer: "ben", baseVersion: 1 });
    expect(decisionResponseSchema.parse(await next.json()).decision.version).toBe(2);
  });

  it("lets exactly one of two simultaneous writes on the same version win", async () => {
    const [a, b] = await Promise.all([
      putDecision(t.app, "tiny:1:0", accept),
      putDecision(t.app, "tiny:1:0", { status: "rejected", reasons: ["other"], reviewer: "ben", baseVersion: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const { history } = historyResponseSchema.parse(await json(t.app.request("/api/pairs/tiny:1:0/history")));
    expect(history).toHaveLength(1);
  });

  it("applies a retried request with the same Idempotency-Key once", async () => {
    const headers = { "Idempotency-Key": "retry-1" };
    const a = await putDecision(t.app, "tiny:1:1", accept, headers);
    const b = await putDecision(t.app, "tiny:1:1", accept, headers);
    // A retry racing the original (sent before the first answer came back) applies once too.
    const [c, d] = await Promise.all([
      putDecision(t.app, "tiny:1:2", accept, { "Idempotency-Key": "retry-2" }),
      putDecision(t.app, "tiny:1:2", accept, { "Idempotency-Key": "retry-2" }),
    ]);
    expect([c.status, d.status]).toEqual([200, 200]);
    const raced = historyResponseSchema.parse(await json(t.app.request("/api/pairs/tiny:1:2/history")));
    expect(raced.history).toHaveLength(1);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(decisionResponseSchema.parse(await b.json()).decision).toEqual(decisionResponseSchema.parse(await a.json()).decision);
    const { history } = historyResponseSchema.parse(await json(t.app.request("/api/pairs/tiny:1:1/history")));
    expect(history).toHaveLength(1);
  });

  it("refuses an Idempotency-Key reused for a different decision instead of replaying the first", async () => {
    const headers = { "Idempotency-Key": "reused-1" };
    expect((await putDecision(t.app, "tiny:1:1", accept, headers)).status).toBe(200);
    const other = await putDecision(t.app, "tiny:1:1", { ...accept, status: "rejected", reasons: ["other"] }, headers);
    expect(other.status).toBe(422);
    expect(apiErrorSchema.parse(await other.json()).error.code).toBe("idempotency_key_reused");
    const { history } = historyResponseSchema.parse(await json(t.app.request("/api/pairs/tiny:1:1/history")));
    expect(history.map((h) => h.after.status)).toEqual(["accepted"]);
  });

  it("refuses a reject without a reason", async () => {
    const response = await putDecision(t.app, "tiny:1:0", { status: "rejected", reviewer: "ana", baseVersion: 0 });
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.message).toMatch(/reason/);
    const ok = await putDecision(t.app, "tiny:1:0", { status: "rejected", reasons: ["wrong_target"], reviewer: "ana", baseVersion: 0 });
    expect(ok.status).toBe(200);
  });

  it("refuses edit targets that are no annotation of the image", async () => {
    const response = await putDecision(t.app, "tiny:1:0", { ...accept, edits: { targets: [0, 7] } });
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error).toMatchObject({ code: "invalid_edits" });
    const negative = await putDecision(t.app, "tiny:1:0", { ...accept, edits: { targets: [-1] } });
    expect(negative.status).toBe(400);
  });

  it("refuses the same target twice", async () => {
    const response = await putDecision(t.app, "tiny:1:0", { ...accept, edits: { targets: [0, 0] } });
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.message).toMatch(/only once/);
  });

  it("refuses to accept an answer whose stray braces would crash the MMR loader, but lets it be rejected", async () => {
    const braces = { ...accept, edits: { textAnswer: "Sit on {seg} {oops}." } };
    const response = await putDecision(t.app, "tiny:1:0", braces);
    expect(response.status).toBe(400);
    expect(apiErrorSchema.parse(await response.json()).error.message).toMatch(/would crash the MMR loader/);
    const rejected = await putDecision(t.app, "tiny:1:0", { ...braces, status: "rejected", reasons: ["language"] });
    expect(rejected.status).toBe(200);
  });

  it("applies edits and returns the re-checked flags and granularity", async () => {
    // Adding the leg to a one-placeholder answer: mixed granularity and a placeholder mismatch,
    // which the loader drops: it can be saved as pending, not accepted.
    const refused = await putDecision(t.app, "tiny:1:0", { ...accept, edits: { targets: [0, 1] } });
    expect(refused.status).toBe(400);
    expect(apiErrorSchema.parse(await refused.json()).error.message).toMatch(/^cannot accept: seg_count: .*edit the answer or the targets/);
    const response = await putDecision(t.app, "tiny:1:0", { ...accept, status: "pending", edits: { targets: [0, 1] } });
    expect(response.status).toBe(200);
    const saved = decisionResponseSchema.parse(await response.json());
    expect(saved.granularity).toBe("mixed");
    expect(saved.flags).toContain("seg_count");
    expect(saved.decision.edits).toEqual({ targets: [0, 1] });

    const fixed = await putDecision(t.app, "tiny:1:0", {
      ...accept,
      baseVersion: 1,
      edits: { targets: [0, 1], textAnswer: "The guest could rest on {seg} with {seg}." },
    });
    const refixed = decisionResponseSchema.parse(await fixed.json());
    expect(refixed.flags).toEqual(["mask_form"]);
    const detail = pairDetailSchema.parse(await json(t.app.request("/api/pairs/tiny:1:0")));
    expect(detail.targets).toEqual([0, 1]);
    expect(detail.granularity).toBe("mixed");
    expect(detail.textAnswer).toBe("The guest could rest on {seg} with {seg}.");
  });

  it("keeps every change in the history", async () => {
    await putDecision(t.app, "tiny:2:0", accept);
    await putDecision(t.app, "tiny:2:0", { status: "pending", reviewer: "ana", baseVersion: 1 });
    const { history } = historyResponseSchema.parse(await json(t.app.request("/api/pairs/tiny:2:0/history")));
    expect(history.map((h) => [h.version, h.after.status, h.before?.status ?? null])).toEqual([
      [1, "accepted", null],
      [2, "pending", "accepted"],
    ]);
  });

  it("refuses bodies that are too large, not JSON, or not declared as JSON", async () => {
    const big = await putDecision(t.app, "tiny:1:0", { ...accept, note: "x".repeat(70_000) });
    expect(big.status).toBe(413);
    apiErrorSchema.parse(await big.json());
    const broken = await t.app.request("/api/pairs/tiny:1:0/decision", { method: "PUT", headers: { "Content-Type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
    const plain = await t.app.request("/api/pairs/tiny:1:0/decision", { method: "PUT", headers: { "Content-Type": "text/plain" }, body: JSON.stringify(accept) });
    expect(plain.status).toBe(415);
    const unknownField = await putDecision(t.app, "tiny:1:0", { ...accept, sneaky: true });
    expect(unknownField.status).toBe(400);
  });

  it("counts decisions in the stats", async () => {
    await putDecision(t.app, "tiny:1:0", accept);
    await putDecision(t.app, "tiny:1:1", { status: "rejected", reasons: ["bad_mask"], reviewer: "ben", baseVersion: 0 });
    const stats = statsSchema.parse(await json(t.app.request("/api/stats")));
    expect(stats.byStatus).toEqual({ pending: 3, accepted: 1, rejected: 1 });
    expect(stats.byReason).toMatchObject({ bad_mask: 1 });
  });
});
