import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { commentKeys, fetchComments, postComment } from "../api/roundsClient";
import { useReviewerStore } from "../app/reviewerStore";
import { showToast } from "../lib/toastStore";
import "./rounds.css";

/*
 * A pair's discussion (issue 11): its comments, oldest first, as plain text (never HTML), with
 * @mentions highlighted; a new comment; and "Send to discussion", which posts the comment marked
 * as needing a second opinion and moves on without deciding. New comments arrive live (the event
 * stream's `comment` event refetches the thread).
 */
export function CommentThread({ pairId, onSentToDiscussion }: { pairId: string; onSentToDiscussion?: () => void }) {
  const client = useQueryClient();
  const me = useReviewerStore((s) => s.name);
  const thread = useQuery({ queryKey: commentKeys.thread(pairId), queryFn: () => fetchComments(pairId) });
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);

  const send = async (discussion: boolean) => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await postComment(pairId, { text, ...(discussion ? { discussion: true } : {}), ...(me ? { author: me } : {}) });
      setText("");
      void client.invalidateQueries({ queryKey: commentKeys.all });
      if (discussion) {
        showToast("info", `Sent ${pairId} to discussion.`);
        onSentToDiscussion?.();
      }
    } catch (error) {
      showToast("error", `Comment not saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  const comments = thread.data ?? [];
  return (
    <section className="comment-thread" aria-label="Discussion" data-testid="comment-thread">
      {thread.error ? <p role="alert">Could not load the discussion: {thread.error.message}</p> : null}
      {comments.length === 0 && !thread.error ? <p className="muted">No comment yet.</p> : null}
      <ol className="comment-thread__list">
        {comments.map((comment) => (
          <li key={comment.id} className={comment.mentions.includes(me ?? "\u0000") ? "comment comment--mentions-me" : "comment"}>
            <strong>{comment.author}</strong>
            {comment.discussion ? <span className="muted"> · sent to discussion</span> : null}
            <span className="muted"> · {new Date(comment.at).toLocaleString()}</span>
            <p className="comment__text">{comment.text}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <label htmlFor={`comment-${pairId}`} className="visually-hidden">
          New comment
        </label>
        <textarea
          id={`comment-${pairId}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.stopPropagation()}
          placeholder="Comment (text only; @name mentions a user)"
          maxLength={4000}
          rows={2}
        />
        <div className="comment-thread__actions">
          <button type="submit" disabled={busy || !text.trim()}>
            Comment
          </button>
          <button type="button" disabled={busy || !text.trim()} onClick={() => void send(true)} title="Ask for a second opinion instead of deciding">
            Send to discussion
          </button>
        </div>
      </form>
    </section>
  );
}
