import { useEffect, useState } from "react";
import type { PairDetail } from "../../../../shared/api";
import type { SlotVotes } from "../../../../shared/rounds";
import { fetchSlotVotes, renewLease } from "../../../api/roundsClient";
import { useReviewerStore } from "../../../app/reviewerStore";
import { Link } from "../../../app/Link";
import { useLocation } from "../../../lib/router";
import { openNextOfRound } from "../../../rounds/voteActions";
import { withRound } from "../../../rounds/roundMode";
import { VotesSideBySide } from "../../../rounds/VotesSideBySide";
import "../../../rounds/rounds.css";

/** Renewed well inside the server's 5-minute lease, so an open tab keeps its pair. */
const RENEW_MS = 60_000;

/**
 * The review screen in a round: which round, the pair's lease (renewed while the pair is open),
 * the votes so far (hidden in a blind round until this reviewer has voted), and "Next pair".
 */
export function RoundBar({ roundId, pairId, detail }: { roundId: number; pairId: string; detail: PairDetail | undefined }) {
  const reviewer = useReviewerStore((s) => s.name);
  const { search } = useLocation();
  const [votes, setVotes] = useState<SlotVotes | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    setProblem(null);
    const load = () =>
      fetchSlotVotes(roundId, pairId, reviewer)
        .then((v) => !stopped && setVotes(v))
        .catch((error: unknown) => !stopped && setProblem(error instanceof Error ? error.message : String(error)));
    void load();
    const renew = () =>
      renewLease(roundId, pairId, reviewer).catch((error: unknown) => {
        if (!stopped) setProblem(error instanceof Error ? error.message : String(error));
      });
    const timer = setInterval(() => {
      void renew();
      void load();
    }, RENEW_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [roundId, pairId, reviewer, detail?.decision?.version]);

  const mine = votes?.votes?.find((v) => v.reviewer === reviewer);
  return (
    <section className="round-bar" aria-label={`Review round ${roundId}`} data-testid="round-bar">
      <strong>Round {roundId}</strong>
      <span className="muted">
        {votes ? `${votes.count} of ${votes.needed} vote${votes.needed === 1 ? "" : "s"} · ${votes.state}` : "…"}
        {mine ? ` · you voted ${mine.status === "accepted" ? "accept" : "reject"}` : ""}
      </span>
      {votes && votes.votes === null && votes.count > 0 && <span className="muted">Others' votes stay hidden until you vote (blind round).</span>}
      {problem && (
        <span role="alert" className="round-bar__problem">
          {problem}
        </span>
      )}
      <span className="round-bar__spacer" />
      <button type="button" onClick={() => void openNextOfRound(roundId)}>
        Next pair of the round
      </button>
      <Link href={`/review/${encodeURIComponent(pairId)}${withRound(search, null)}`}>Leave round</Link>
      {votes?.votes && votes.votes.length > 0 && detail && (
        <details className="round-bar__votes">
          <summary>Votes ({votes.votes.length})</summary>
          <VotesSideBySide votes={votes.votes} detail={detail} />
        </details>
      )}
    </section>
  );
}
