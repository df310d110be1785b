import type { SlotVotes } from "../../shared/rounds";
import type { PairDetail } from "../../shared/api";
import { EditsDiff, sideOf } from "../features/review/diff/EditsDiff";

/** Each vote in a column: status, reasons, note, and its edits diffed against the first vote's. */
export function VotesSideBySide({ votes, detail }: { votes: NonNullable<SlotVotes["votes"]>; detail: PairDetail }) {
  const first = votes[0];
  return (
    <div className="votes-grid" data-testid="votes-side-by-side">
      {votes.map((vote) => (
        <article key={vote.reviewer} className="votes-grid__vote" aria-label={`Vote of ${vote.reviewer}`}>
          <h3>
            {vote.reviewer}: {vote.status === "accepted" ? "accept" : "reject"}
          </h3>
          {vote.reasons.length > 0 && <p>Reasons: {vote.reasons.join(", ")}</p>}
          {vote.note && <p className="muted">“{vote.note}”</p>}
          {first && vote !== first ? (
            <>
              <p className="muted">Edits compared with {first.reviewer}'s vote:</p>
              <EditsDiff before={sideOf(detail, first.edits)} after={sideOf(detail, vote.edits)} detail={detail} />
            </>
          ) : (
            <>
              <p className="muted">Edits compared with the pair as imported:</p>
              <EditsDiff before={sideOf(detail, null)} after={sideOf(detail, vote.edits)} detail={detail} />
            </>
          )}
        </article>
      ))}
    </div>
  );
}
