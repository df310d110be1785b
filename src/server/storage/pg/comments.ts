import type pg from "pg";
import type { DiscussedPair } from "../../../shared/comments";
import { commentFromRow, type CommentRow } from "../commentRows";
import type { CommentStore } from "../store";

/* Comment threads on PostgreSQL: one row per comment; mentions is a JSON text array. */

export function createPgComments(pool: pg.Pool): CommentStore {
  return {
    add: async (comment) => {
      const { rows } = await pool.query<{ pk: number }>(
        "INSERT INTO comments (pair_id, split, author, text, mentions, discussion, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING pk",
        [comment.pairId, comment.split, comment.author, comment.text, JSON.stringify(comment.mentions), comment.discussion, comment.at],
      );
      return { id: Number(rows[0]!.pk), pairId: comment.pairId, author: comment.author, text: comment.text, mentions: [...comment.mentions], discussion: comment.discussion, at: comment.at, editedAt: null };
    },
    get: async (id) => {
      const { rows } = await pool.query<CommentRow>("SELECT * FROM comments WHERE pk = $1", [id]);
      return rows[0] ? commentFromRow(rows[0]) : null;
    },
    edit: async (id, change) => {
      const { rows } = await pool.query<CommentRow>("UPDATE comments SET text = $1, mentions = $2, edited_at = $3 WHERE pk = $4 RETURNING *", [
        change.text,
        JSON.stringify(change.mentions),
        change.at,
        id,
      ]);
      return rows[0] ? commentFromRow(rows[0]) : null;
    },
    list: async (pairId) => (await pool.query<CommentRow>("SELECT * FROM comments WHERE pair_id = $1 ORDER BY pk", [pairId])).rows.map(commentFromRow),
    discussed: async (split, mention) => {
      const where = mention === undefined ? "" : " AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.mentions::jsonb) m WHERE lower(m) = lower($2))";
      const { rows } = await pool.query<{ pairid: string; comments: number; lastat: string; discussion: boolean }>(
        `SELECT c.pair_id AS pairid, count(*) AS comments, max(c.at) AS lastat, bool_or(c.discussion) AS discussion
         FROM comments c WHERE c.split = $1${where} GROUP BY c.pair_id ORDER BY lastat DESC, c.pair_id LIMIT 1000`,
        mention === undefined ? [split] : [split, mention],
      );
      return rows.map((r): DiscussedPair => ({ pairId: r.pairid, comments: Number(r.comments), lastAt: r.lastat, discussion: r.discussion }));
    },
  };
}
