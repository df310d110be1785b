import { z } from "zod";

/*
 * Comments (issue 11): a text-only thread per pair, with @mentions of users. A reviewer unsure of a
 * pair can "send it to discussion": a comment marked `discussion`, instead of a decision.
 */

export const MAX_COMMENT_CHARS = 4000;

export const commentInputSchema = z
  .object({
    text: z.string().trim().min(1, "a comment needs text").max(MAX_COMMENT_CHARS),
    /** "Send to discussion": the pair needs a second opinion before anyone decides it. */
    discussion: z.boolean().optional(),
    /** Solo mode only (no accounts): who writes. With accounts the session decides. */
    author: z.string().trim().min(1).max(80).optional(),
  })
  .strict();
export type CommentInput = z.infer<typeof commentInputSchema>;

/** The body of `PATCH /api/comments/:id`: the author's new text (mentions are parsed from it again). */
export const commentEditSchema = z
  .object({
    text: z.string().trim().min(1, "a comment needs text").max(MAX_COMMENT_CHARS),
    /** Solo mode only: who edits (must be the comment's author). */
    author: z.string().trim().min(1).max(80).optional(),
  })
  .strict();
export type CommentEdit = z.infer<typeof commentEditSchema>;

export const commentSchema = z.object({
  id: z.number().int(),
  pairId: z.string(),
  author: z.string(),
  text: z.string(),
  mentions: z.array(z.string()),
  discussion: z.boolean(),
  at: z.string(),
  /** When its author last edited it; null: never. */
  editedAt: z.string().nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

export const discussedPairSchema = z.object({ pairId: z.string(), comments: z.number().int(), lastAt: z.string(), discussion: z.boolean() });
export type DiscussedPair = z.infer<typeof discussedPairSchema>;

/**
 * The user names a text mentions: `@name` at the start or after a space or an opening bracket,
 * names of letters, digits, '.', '_' and '-' (a trailing '.' is punctuation); each once, in order.
 */
export function mentionsIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?:^|[\s([{])@([A-Za-z0-9][A-Za-z0-9._-]{0,79})/g)) {
    const name = match[1]!.replace(/[.]+$/, "");
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
