import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchPair } from "../../api/client";
import { fetchAdjudication, resolvePair, type AdjudicationSlot } from "../../api/roundsClient";
import { Link } from "../../app/Link";
import { useReviewerStore } from "../../app/reviewerStore";
import { parsePairId } from "../../../shared/domain";
import { VotesSideBySide } from "../../rounds/VotesSideBySide";

/** The lead's queue of pairs whose votes disagree: the votes side by side, edits diffed, one click to decide. */
export function AdjudicationView({ roundId }: { roundId: number }) {
  const queue = useQuery({ queryKey: ["rounds", "adjudication", roundId], queryFn: () => fetchAdjudication(roundId) });
  if (queue.error) return <p role="alert">Could not load the adjudication queue: {queue.error.message}</p>;
  if (!queue.data) return <p className="muted">Loading…</p>;
  return (
    <>
      <p>
        <Link href="/rounds">← Rounds</Link>
      </p>
      <h1>
        Adjudication: round {roundId} ({queue.data.round.name})
      </h1>
      {queue.data.pairs.length === 0 ? <p className="muted">Nothing to adjudicate: every finished pair's votes agree.</p> : null}
      {queue.data.pairs.map((slot) => (
        <AdjudicationPair key={slot.pairId} roundId={roundId} slot={slot} />
      ))}
    </>
  );
}

function AdjudicationPair({ roundId, slot }: { roundId: number; slot: AdjudicationSlot }) {
  const client = useQueryClient();
  const lead = useReviewerStore((s) => s.name);
  const detail = useQuery({ queryKey: ["pair-for-adjudication", slot.pairId], queryFn: ({ signal }) => fetchPair(slot.pairId, {}, signal) });
  const [error, setError] = useState<string | null>(null);
  const split = parsePairId(slot.pairId)?.split ?? "";
  const take = async (index: number) => {
    const vote = slot.votes[index]!;
    try {
      await resolvePair(roundId, slot.pairId, {
        status: vote.status,
        reasons: vote.reasons,
        note: `adjudicated: ${vote.reviewer}'s vote`,
        edits: vote.edits,
        ...(lead ? { reviewer: lead } : {}),
      });
      void client.invalidateQueries({ queryKey: ["rounds"] });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <article className="adjudication-pair" aria-label={`Pair ${slot.pairId}`} data-testid="adjudication-pair">
      <h2>
        <Link href={`/review/${encodeURIComponent(slot.pairId)}?split=${encodeURIComponent(split)}`}>{slot.pairId}</Link>
      </h2>
      {detail.data ? (
        <>
          <p>
            <strong>Q:</strong> {detail.data.question}
          </p>
          <VotesSideBySide votes={slot.votes} detail={detail.data} />
        </>
      ) : (
        <p className="muted">Loading the pair…</p>
      )}
      <div className="adjudication-pair__actions">
        {slot.votes.map((vote, index) => (
          <button key={vote.reviewer} type="button" onClick={() => void take(index)}>
            Decide as {vote.reviewer} ({vote.status === "accepted" ? "accept" : "reject"})
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
    </article>
  );
}
