import { Hono, type Context } from "hono";
import { commentEditSchema, commentInputSchema, mentionsIn } from "../../../shared/comments";
import { parsePairId, splitNameSchema } from "../../../shared/domain";
import type { ReviewStore } from "../../storage/store";
import { actorOf } from "../auth/actor";
import { HttpError, parseOr400 } from "../httpError";
import { readJsonBody } from "../readBody";

/*
 * Comment threads (issue 11), mounted at /api/comments: a pair's thread, a new comment (text only,
 * mentions parsed from it), an edit of one by its author, and the split's discussed pairs,
 * optionally only those mentioning someone ("mentions me"). The author is the signed-in user, or in
 * solo mode the name sent.
 */

const MAX_BODY = 16 * 1024;

export interface CommentRoutesOptions {
  store: ReviewStore;
  onComment?: (split: string, pairId: string, author: string, at: string) => void;
  now?: () => Date;
}

function pairIdParam(raw: string): { id: string; split: string } {
  const parsed = parsePairId(raw);
  if (!parsed) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(raw)}`);
  return { id: raw, split: parsed.split };
}

/** Comment ids are SERIAL (PostgreSQL integer): anything else names no comment. */
function commentIdParam(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw) || id < 1 || id > 2 ** 31 - 1) throw new HttpError(404, "comment_not_found", `no comment ${JSON.stringify(raw)}`);
  return id;
}

function author(c: Context, given: string | undefined): string {
  const actor = actorOf(c);
  if (actor) return actor.name;
  if (given === undefined) throw new HttpError(400, "author_required", 'name the author (no accounts on this server: send "author")');
  return given;
}

export function commentRoutes({ store, onComment, now = () => new Date() }: CommentRoutesOptions): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const split = parseOr400(splitNameSchema, c.req.query("split") ?? "", "invalid_query");
    const mentions = c.req.query("mentions");
    const mention = mentions === "me" ? author(c, c.req.query("me")) : mentions || undefined;
    return c.json({ pairs: await store.comments().discussed(split, mention) });
  });

  app.get("/pairs/:id", async (c) => {
    const { id } = pairIdParam(c.req.param("id"));
    if (!(await store.getPairContext(id))) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(id)}`);
    return c.json({ comments: await store.comments().list(id) });
  });

  app.post("/pairs/:id", async (c) => {
    const { id, split } = pairIdParam(c.req.param("id"));
    const input = parseOr400(commentInputSchema, await readJsonBody(c, MAX_BODY, "the comment"), "invalid_comment");
    if (!(await store.getPairContext(id))) throw new HttpError(404, "pair_not_found", `no pair with id ${JSON.stringify(id)}`);
    const who = author(c, input.author);
    const comment = await store.comments().add({
      pairId: id,
      split,
      author: who,
      text: input.text,
      mentions: mentionsIn(input.text),
      discussion: input.discussion ?? false,
      at: now().toISOString(),
    });
    if (onComment) setImmediate(() => onComment(split, id, who, comment.at));
    return c.json({ comment }, 201);
  });

  // Only the author edits a comment (not a lead, not an admin): a thread is what people wrote.
  app.patch("/:id", async (c) => {
    const id = commentIdParam(c.req.param("id"));
    const input = parseOr400(commentEditSchema, await readJsonBody(c, MAX_BODY, "the comment"), "invalid_comment");
    const existing = await store.comments().get(id);
    if (!existing) throw new HttpError(404, "comment_not_found", `no comment ${id}`);
    const who = author(c, input.author);
    if (who !== existing.author) throw new HttpError(403, "not_author", "only the author of a comment may edit it");
    const edited = await store.comments().edit(id, { text: input.text, mentions: mentionsIn(input.text), at: now().toISOString() });
    if (!edited) throw new HttpError(404, "comment_not_found", `no comment ${id}`);
    const split = parsePairId(edited.pairId)?.split;
    if (onComment && split) setImmediate(() => onComment(split, edited.pairId, who, edited.editedAt ?? edited.at));
    return c.json({ comment: edited });
  });

  return app;
}
