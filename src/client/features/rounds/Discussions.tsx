import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchDiscussed } from "../../api/roundsClient";
import { useCurrentSplit } from "../../app/currentSplit";
import { Link } from "../../app/Link";
import { useReviewerStore } from "../../app/reviewerStore";

/** The split's discussed pairs, all or only those whose threads mention me, each a link to the pair. */
export function Discussions() {
  const { split } = useCurrentSplit();
  const me = useReviewerStore((s) => s.name);
  const [mine, setMine] = useState(false);
  const name = split?.name ?? null;
  const pairs = useQuery({
    queryKey: ["comments", "discussed", name, mine ? me : null],
    queryFn: () => fetchDiscussed(name!, mine ? me : false),
    enabled: name !== null,
  });
  return (
    <section aria-label="Discussions">
      <h2>Discussions</h2>
      <div role="radiogroup" aria-label="Which discussions">
        <label>
          <input type="radio" name="discussions" checked={!mine} onChange={() => setMine(false)} /> Has discussion
        </label>{" "}
        <label>
          <input type="radio" name="discussions" checked={mine} onChange={() => setMine(true)} /> Mentions me{me ? ` (@${me})` : ""}
        </label>
      </div>
      {pairs.error ? <p role="alert">{pairs.error.message}</p> : null}
      {pairs.data && pairs.data.length === 0 ? <p className="muted">No pair here.</p> : null}
      <ul data-testid="discussed-pairs">
        {(pairs.data ?? []).map((pair) => (
          <li key={pair.pairId}>
            <Link href={`/review/${encodeURIComponent(pair.pairId)}?split=${encodeURIComponent(name ?? "")}`}>{pair.pairId}</Link>{" "}
            <span className="muted">
              {pair.comments} comment{pair.comments === 1 ? "" : "s"}
              {pair.discussion ? " · sent to discussion" : ""} · {new Date(pair.lastAt).toLocaleString()}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
