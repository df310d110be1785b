import type { DiscussedPair } from "../../../shared/comments";
import { commentFromRow, type CommentRow } from "../commentRows";
import type { CommentStore } from "../store";
import { settle } from "./errors";
import type { StatementCache } from "./statementCache";

/* Comment threads on SQLite: one row per comment; a mention is found with json_each. */

export function createSqliteComments(statements: StatementCache, guard: () => void): CommentStore {
  return {
    add: (comment) =>
      settle(() => {
        guard();
        const pk = statements
          .get("INSERT INTO comments (pair_id, split, author, text, mentions, discussion, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .run(comment.pairId, comment.split, comment.author, comment.text, JSON.stringify(comment.mentions), comment.discussion ? 1 : 0, comment.at).lastInsertRowid;
        return { id: Number(pk), pairId: comment.pairId, author: comment.author, text: comment.text, mentions: [...comment.mentions], discussion: comment.discussion, at: comment.at, editedAt: null };
      }),
    get: (id) =>
      settle(() => {
        const row = statements.get("SELECT * FROM comments WHERE pk = ?").get(id) as CommentRow | undefined;
        return row ? commentFromRow(row) : null;
      }),
    edit: (id, change) =>
      settle(() => {
        guard();
        const row = statements
          .get("UPDATE comments SET text = ?, mentions = ?, edited_at = ? WHERE pk = ? RETURNING *")
          .get(change.text, JSON.stringify(change.mentions), change.at, id) as CommentRow | undefined;
        return row ? commentFromRow(row) : null;
      }),
    list: (pairId) => settle(() => (statements.get("SELECT * FROM comments WHERE pair_id = ? ORDER BY pk").all(pairId) as CommentRow[]).map(commentFromRow)),
    discussed: (split, mention) =>
      settle(() => {
        const where = mention === undefined ? "" : " AND EXISTS (SELECT 1 FROM json_each(c.mentions) m WHERE lower(m.value) = lower(?))";
        const rows = statements
          .get(
            `SELECT c.pair_id AS pairId, count(*) AS comments, max(c.at) AS lastAt, max(c.discussion) AS discussion
             FROM comments c WHERE c.split = ?${where} GROUP BY c.pair_id ORDER BY lastAt DESC, c.pair_id LIMIT 1000`,
          )
          .all(...(mention === undefined ? [split] : [split, mention])) as { pairId: string; comments: number; lastAt: string; discussion: number }[];
        return rows.map((r): DiscussedPair => ({ pairId: r.pairId, comments: r.comments, lastAt: r.lastAt, discussion: r.discussion === 1 }));
      }),
  };
}
