import { expect, it } from "vitest";
import type { Role } from "../../shared/roles";
import { sseReader } from "../events/sseReader";
import { describeTeamServer } from "./testBackends";

/*
 * PATCH /api/comments/:id (issue 11) on both stores: only the comment's author edits it (not a
 * lead, not an admin); the text is checked again, mentions are parsed again, the thread shows when
 * it was edited, and listeners hear a `comment` event.
 */

const PAIR = encodeURIComponent("val:1000:0");

describeTeamServer("comment edits", [["ann", "reviewer"], ["bob", "reviewer"], ["lea", "lead"], ["adm", "admin"], ["vic", "viewer"]], (server) => {
  const as = (name: string, role: Role) => server().as(name, role);
  const call = (method: string, path: string, body?: unknown) => server().call(method, path, body);

  it("the author edits: new text, mentions parsed again, marked edited, heard live", async () => {
    as("ann", "reviewer");
    const posted = await call("POST", `/api/comments/pairs/${PAIR}`, { text: "is it the left mug? @bob" });
    expect(posted.status).toBe(201);
    expect(posted.json.comment).toMatchObject({ author: "ann", mentions: ["bob"], editedAt: null });
    const id = posted.json.comment.id as number;
    const stream = sseReader((await server().app.request("/api/events?split=val")).body!);
    await stream.next("presence", 10_000);

    const edited = await call("PATCH", `/api/comments/${id}`, { text: "  the right one, @lea and @adm  " });
    expect(edited.status).toBe(200);
    expect(edited.json.comment).toMatchObject({ id, author: "ann", text: "the right one, @lea and @adm", mentions: ["lea", "adm"], at: posted.json.comment.at });
    expect(edited.json.comment.editedAt).toEqual(expect.any(String));
    expect(JSON.parse((await stream.next("comment", 10_000)).data)).toMatchObject({ type: "comment", split: "val", pairId: "val:1000:0", author: "ann" });
    await stream.cancel();

    const thread = (await call("GET", `/api/comments/pairs/${PAIR}`)).json.comments;
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ text: "the right one, @lea and @adm", mentions: ["lea", "adm"], editedAt: edited.json.comment.editedAt });
    // The mention moved from bob to lea: "mentions lea" finds the pair, "mentions bob" no longer does.
    expect((await call("GET", "/api/comments?split=val&mentions=lea")).json.pairs.map((p: { pairId: string }) => p.pairId)).toEqual(["val:1000:0"]);
    expect((await call("GET", "/api/comments?split=val&mentions=bob")).json.pairs).toEqual([]);
  }, 60_000);

  it("nobody else edits, not a lead nor an admin; bad text and unknown ids are refused", async () => {
    as("ann", "reviewer");
    const id = (await call("POST", `/api/comments/pairs/${PAIR}`, { text: "mine" })).json.comment.id as number;
    for (const [name, role] of [["bob", "reviewer"], ["lea", "lead"], ["adm", "admin"]] as const) {
      as(name, role);
      const refused = await call("PATCH", `/api/comments/${id}`, { text: `${name} was here` });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe("not_author");
    }
    as("vic", "viewer");
    expect((await call("PATCH", `/api/comments/${id}`, { text: "viewer" })).status).toBe(403);

    as("ann", "reviewer");
    expect((await call("PATCH", `/api/comments/${id}`, { text: "   " })).json.error.message).toBe("text: a comment needs text");
    expect((await call("PATCH", `/api/comments/${id}`, { text: "x".repeat(4001) })).status).toBe(400);
    expect((await call("PATCH", `/api/comments/${id}`, { text: "ok", discussion: true })).status).toBe(400);
    for (const bad of [String(id + 1000), "0", "-1", "1e3", "99999999999", "abc"]) {
      expect((await call("PATCH", `/api/comments/${bad}`, { text: "ok" })).status).toBe(404);
    }
    expect((await call("GET", `/api/comments/pairs/${PAIR}`)).json.comments).toMatchObject([{ text: "mine", editedAt: null }]);
  }, 60_000);
});
