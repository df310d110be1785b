import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import type { Comment } from "../../shared/comments";
import { commentKeys, editComment, fetchComments, postComment } from "../api/roundsClient";
import { warmNeighboursWith } from "../app/neighbourWarmers";
import { useReviewerStore } from "../app/reviewerStore";
import { showToast } from "../lib/toastStore";
import "./rounds.css";

/** A thread stays fresh until a live `comment` event invalidates every thread. */
const threadQuery = (pairId: string) => ({ queryKey: commentKeys.thread(pairId), queryFn: () => fetchComments(pairId), staleTime: 60_000 });

/*
 * A pair's discussion (issue 11): its comments, oldest first, as plain text (never HTML), with
 * @mentions highlighted; a new comment; and "Send to discussion", which posts the comment marked
 * as needing a second opinion and moves on without deciding. Its author may edit a comment (shown
 * as "edited"). New and edited comments arrive live (the event stream's `comment` event refetches
 * the thread).
 */
export function CommentThread({ pairId, onSentToDiscussion }: { pairId: string; onSentToDiscussion?: () => void }) {
  const client = useQueryClient();
  const me = useReviewerStore((s) => s.name);
  const thread = useQuery(threadQuery(pairId));
  // The threads of the pairs that may open next, warmed with them: `j` then starts no request of its own.
  useEffect(() => warmNeighboursWith((id) => void client.prefetchQuery(threadQuery(id))), [client]);
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
    <section className="comment-thread" aria-label="Comments on this pair" data-testid="comment-thread">
      {thread.error ? <p role="alert">Could not load the discussion: {thread.error.message}</p> : null}
      {comments.length === 0 && !thread.error ? <p className="muted">No comment yet.</p> : null}
      <ol className="comment-thread__list">
        {comments.map((comment) => (
          <li key={comment.id} className={comment.mentions.some((name) => name.toLowerCase() === me?.toLowerCase()) ? "comment comment--mentions-me" : "comment"}>
            <strong>{comment.author}</strong>
            {comment.discussion ? <span className="muted"> · sent to discussion</span> : null}
            <span className="muted"> · {new Date(comment.at).toLocaleString()}</span>
            {comment.editedAt ? (
              <span className="muted" title={`edited ${new Date(comment.editedAt).toLocaleString()}`}>
                {" "}
                · edited
              </span>
            ) : null}
            <CommentBody comment={comment} mine={me !== null && comment.author === me} me={me} />
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

/** A comment's text; its author gets "Edit", which swaps it for a text box until saved or cancelled. */
function CommentBody({ comment, mine, me }: { comment: Comment; mine: boolean; me: string | null }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (draft === null) {
    return (
      <>
        <p className="comment__text">{comment.text}</p>
        {mine ? (
          <button type="button" className="comment__edit" onClick={() => setDraft(comment.text)} aria-label={`Edit your comment of ${new Date(comment.at).toLocaleString()}`}>
            Edit
          </button>
        ) : null}
      </>
    );
  }
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    try {
      await editComment(comment.id, { text: draft, ...(me ? { author: me } : {}) });
      setDraft(null);
      void client.invalidateQueries({ queryKey: commentKeys.all });
    } catch (error) {
      showToast("error", `Edit not saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)}>
      <label htmlFor={`comment-edit-${comment.id}`} className="visually-hidden">
        Edit comment
      </label>
      <textarea
        id={`comment-edit-${comment.id}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.stopPropagation()}
        maxLength={4000}
        rows={2}
      />
      <div className="comment-thread__actions">
        <button type="submit" disabled={busy || !draft.trim()}>
          Save
        </button>
        <button type="button" disabled={busy} onClick={() => setDraft(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
