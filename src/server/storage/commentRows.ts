import type { Comment } from "../../shared/comments";

/* Row shape of the comments table, shared by the SQLite and PostgreSQL stores. */

export interface CommentRow {
  pk: number;
  pair_id: string;
  author: string;
  text: string;
  mentions: string;
  discussion: number | boolean;
  at: string;
  edited_at: string | null;
}

export function commentFromRow(row: CommentRow): Comment {
  return {
    id: Number(row.pk),
    pairId: row.pair_id,
    author: row.author,
    text: row.text,
    mentions: JSON.parse(row.mentions) as string[],
    discussion: Boolean(row.discussion),
    at: row.at,
    editedAt: row.edited_at ?? null,
  };
}
