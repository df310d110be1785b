import { lazy, Suspense } from "react";
import type { PairDetail } from "../../../../shared/api";
import { DecisionSummary } from "../../../decisions/DecisionSummary";
import { ReasonPicker } from "../decide/ReasonPicker";
import { LazyEditsDiff } from "../diff/LazyEditsDiff";
import { sideOf } from "../diff/side";
import { useReviewModeStore } from "../reviewModeStore";
import { AnswerText } from "./AnswerText";
import { DecisionBar } from "./DecisionBar";
import { FlagList } from "./FlagList";
import { HistoryList } from "./HistoryList";
import { RawAnswer } from "./RawAnswer";
import { PairIou } from "../predictions/TargetIou";
import { LiveNotice } from "./LiveNotice";
import { goNext } from "../decide/useDecisionActions";
import { currentLocation } from "../../../lib/router";
import { roundOf } from "../../../rounds/roundMode";

/** The pair's discussion (issue 11) loads on first use, keeping it out of the initial bundle. */
const CommentThread = lazy(() => import("../../../rounds/CommentThread").then((m) => ({ default: m.CommentThread })));

/** After "send to discussion": the next pair of the round, or of the queue. */
function moveOn(detail: PairDetail): void {
  const round = roundOf(currentLocation().search);
  if (round !== null) void import("../../../rounds/voteActions").then(({ openNextOfRound }) => openNextOfRound(round));
  else goNext(detail);
}

/*
 * Edit mode is its own chunk (the answer editor, target list, live checks), fetched as soon as the
 * app has started (not part of the initial download), so `e` opens it at once.
 */
const loadEditPanel = () => import("../edit/EditPanel").then((m) => ({ default: m.EditPanel }));
const EditPanel = lazy(loadEditPanel);
if (typeof window !== "undefined") window.setTimeout(() => void loadEditPanel(), 0);

/** The right pane: the pair in words, its flags and decision, and the decision buttons. */
export function PairPanel({ detail }: { detail: PairDetail }) {
  const mode = useReviewModeStore((state) => state.mode);
  const status = detail.decision?.status ?? "pending";
  const questionNumber = detail.image.pairIds.indexOf(detail.id) + 1;
  return (
    <section className="pair-panel" data-testid="pair-panel" data-status={status} data-pair-id={detail.id} aria-label="Pair">
      <header className="pair-panel__header">
        <span className={`status-pill status-pill--${status}`} data-testid="pair-status">
          {status}
        </span>
        <span className="pair-panel__id" title="Pair id">
          {detail.id}
        </span>
        <span className="muted">
          question {questionNumber} of {detail.image.pairIds.length} · {detail.targets.length} target
          {detail.targets.length === 1 ? "" : "s"} · {detail.granularity}
        </span>
      </header>

      <LiveNotice detail={detail} />
      <PairIou />
      <DecisionBar detail={detail} />
      {mode === "reject" && <ReasonPicker detail={detail} />}

      {mode === "edit" ? (
        <Suspense fallback={<p className="muted">Opening the editor…</p>}>
          <EditPanel detail={detail} />
        </Suspense>
      ) : (
        <>
          <h3 className="panel-heading">Question</h3>
          <p className="question" data-testid="question">
            {detail.question}
          </p>
          <h3 className="panel-heading">Answer</h3>
          <AnswerText textAnswer={detail.textAnswer} targets={detail.targets} annotations={detail.annotations} />
          <h3 className="panel-heading">Automatic checks</h3>
          <FlagList flags={detail.flags} detail={detail} />
          {detail.decision?.edits && (
            <>
              <h3 className="panel-heading">Edited against the original</h3>
              <LazyEditsDiff before={sideOf(detail, null)} after={sideOf(detail, detail.decision.edits)} detail={detail} />
            </>
          )}
        </>
      )}

      <RawAnswer rawAnswer={detail.rawAnswer} />
      <h3 className="panel-heading">Decision</h3>
      <DecisionSummary decision={detail.decision} />
      <h3 className="panel-heading">History</h3>
      <HistoryList detail={detail} />
      <h3 className="panel-heading">Discussion</h3>
      <Suspense fallback={<p className="muted">Loading the discussion…</p>}>
        <CommentThread pairId={detail.id} onSentToDiscussion={() => moveOn(detail)} />
      </Suspense>
    </section>
  );
}
