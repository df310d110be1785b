import { useRole } from "../../../api/authQueries";
import { Link } from "../../../app/Link";
import { useLocation } from "../../../lib/router";
import { OUTSIDE_ROUND, roundOf } from "../../../rounds/roundMode";
import { can, deniedReason } from "../../../../shared/roles";
import type { PairDetail } from "../../../../shared/api";
import { acceptBlockersFor, refusalText } from "../decide/acceptRules";
import { useReviewCommands } from "../decide/useReviewCommands";
import { useEditDraftStore } from "../edit/editDraftStore";
import { useReviewModeStore } from "../reviewModeStore";

/**
 * The four decision buttons; each shows its key, and its accessible name starts with its visible
 * label. When the rules refuse an accept, the button says so in place instead of going silent.
 */
export function DecisionBar({ detail }: { detail: PairDetail }) {
  const commands = useReviewCommands();
  const mode = useReviewModeStore((state) => state.mode);
  const rejectOpened = useReviewModeStore((state) => state.rejectOpened);
  const modeClosed = useReviewModeStore((state) => state.modeClosed);
  const refusal = useReviewModeStore((state) => (state.refusal?.pairId === detail.id ? state.refusal : null));
  const draft = useEditDraftStore((state) => (mode === "edit" && state.draft?.pairId === detail.id ? state.draft : null));
  const blockers = acceptBlockersFor(detail, draft);
  const blocked = blockers.length > 0;
  const why = blocked ? refusalText(blockers, draft !== null) : null;
  const role = useRole();
  // In a round (?round=<id>) the buttons cast a vote; outside one they decide the pair directly.
  const inRound = roundOf(useLocation().search) !== null;
  const needed = inRound ? "vote" : "decide";
  if (role && !can(role, needed)) {
    return (
      <div className="decision-bar-wrap">
        <p className="muted" data-testid="read-only">
          Read only: {can(role, "vote") ? OUTSIDE_ROUND : deniedReason(role, needed)}.{" "}
          {can(role, "vote") ? <Link href={`/rounds?split=${encodeURIComponent(detail.split)}`}>Your rounds</Link> : null}
        </p>
      </div>
    );
  }

  return (
    <div className="decision-bar-wrap">
      <div className="decision-bar">
        <button
          type="button"
          className="button--accept"
          aria-keyshortcuts="a"
          aria-disabled={blocked || undefined}
          aria-describedby={blocked ? "accept-why" : undefined}
          data-testid="accept-button"
          onClick={() => commands.accept(detail)}
        >
          Accept <kbd>a</kbd>
        </button>
        <button
          type="button"
          className="button--reject"
          aria-keyshortcuts="r"
          aria-pressed={mode === "reject"}
          onClick={() => (mode === "reject" ? modeClosed() : rejectOpened())}
        >
          Reject <kbd>r</kbd>
        </button>
        <button
          type="button"
          aria-keyshortcuts="e"
          aria-pressed={mode === "edit"}
          onClick={() => (mode === "edit" ? commands.leaveEdit() : commands.startEdit(detail))}
        >
          Edit <kbd>e</kbd>
        </button>
        <button type="button" aria-keyshortcuts="u" onClick={commands.actions.undo}>
          Undo <kbd>u</kbd>
        </button>
      </div>
      {why && (
        <p
          id="accept-why"
          key={refusal?.seq ?? 0}
          className={refusal ? "accept-why accept-why--refused" : "accept-why"}
          data-testid="accept-why"
          role={refusal ? "alert" : undefined}
        >
          {refusal ? `You are still on ${detail.id}. ` : ""}
          {why}
        </p>
      )}
    </div>
  );
}
