import { expect, it } from "vitest";
import { describeTeamServer } from "./testBackends";

/*
 * A decision with edits is checked against the pair's record on both stores (the store reads the
 * record only for such a decision: one as imported reuses the import's checks). Pair val:1000:0 of
 * fixtureRecords: "You could sit on {seg}." with one target, the chair (annotation 0 of 4).
 */

const PAIR = `/api/pairs/${encodeURIComponent("val:1000:0")}/decision`;

describeTeamServer("decisions with edits", [["lea", "lead"]], (server) => {
  const call = (method: string, path: string, body?: unknown) => {
    server().as("lea", "lead");
    return server().call(method, path, body);
  };

  it("refuses a target the record does not have, and an accept the loader would drop; saves a reject with the re-checked flags", async () => {
    const missing = await call("PUT", PAIR, { status: "rejected", reasons: ["wrong_target"], reviewer: "lea", baseVersion: 0, edits: { targets: [0, 9] } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe("invalid_edits");

    // two placeholders, one target: the loader drops the pair (seg_count)
    const edits = { textAnswer: "You could sit on {seg} or {seg}." };
    const accept = await call("PUT", PAIR, { status: "accepted", reviewer: "lea", baseVersion: 0, edits });
    expect(accept.status).toBe(400);
    expect(accept.json.error.message).toMatch(/^cannot accept: seg_count/);

    const reject = await call("PUT", PAIR, { status: "rejected", reasons: ["wrong_target"], reviewer: "lea", baseVersion: 0, edits });
    expect(reject.status).toBe(200);
    expect(reject.json.flags).toContain("seg_count");
    expect(reject.json.decision).toMatchObject({ status: "rejected", version: 1, edits });

    // as imported again: the import's checks, no seg_count
    const asImported = await call("PUT", PAIR, { status: "accepted", reviewer: "lea", baseVersion: 1 });
    expect(asImported.status).toBe(200);
    expect(asImported.json.flags).not.toContain("seg_count");
    expect(asImported.json.decision).toMatchObject({ status: "accepted", version: 2, edits: null });
  });
});
