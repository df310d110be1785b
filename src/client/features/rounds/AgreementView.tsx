import { useQuery } from "@tanstack/react-query";
import type { Kappa } from "../../../shared/agreement";
import { parsePairId } from "../../../shared/domain";
import { fetchAgreement } from "../../api/roundsClient";
import { Link } from "../../app/Link";

const num = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
const kappa = (k: Kappa | undefined) => (k ? `${num(k.kappa)} (${k.n} pairs)` : "—");

/** Agreement of one round: Fleiss per round, Cohen per reviewer pair, and exactly the disagreeing pairs. */
export function AgreementView({ roundId }: { roundId: number }) {
  const report = useQuery({ queryKey: ["rounds", "agreement", roundId], queryFn: () => fetchAgreement(roundId) });
  if (report.error) return <p role="alert">Could not load the agreement: {report.error.message}</p>;
  if (!report.data) return <p className="muted">Loading…</p>;
  const { round, agreement: a } = report.data;
  const pairLink = (id: string) => <Link href={`/review/${encodeURIComponent(id)}?split=${encodeURIComponent(parsePairId(id)?.split ?? round.split)}`}>{id}</Link>;
  return (
    <>
      <p>
        <Link href="/rounds">← Rounds</Link>
      </p>
      <h1>
        Agreement: round {round.id} ({round.name})
      </h1>
      <p>
        {a.pairs} pairs with two votes or more. Fleiss' κ {kappa(a.fleiss)}
        {Object.entries(a.fleissByGranularity).map(([g, k]) => ` · ${g} ${kappa(k)}`)}.
      </p>
      <p>
        Reasons (both reject): mean Jaccard {num(a.reasons.meanJaccard)} over {a.reasons.comparisons}. Targets (both accept): mean Jaccard{" "}
        {num(a.targets.meanJaccard)} over {a.targets.comparisons}.
      </p>
      <table>
        <thead>
          <tr>
            <th>Reviewers</th>
            <th>Cohen's κ</th>
            <th>By granularity</th>
            <th>Disagreeing pairs</th>
          </tr>
        </thead>
        <tbody>
          {a.reviewerPairs.map((p) => (
            <tr key={`${p.a} ${p.b}`}>
              <td>
                {p.a} – {p.b}
              </td>
              <td>{kappa(p.all)}</td>
              <td>
                {Object.entries(p.byGranularity)
                  .map(([g, k]) => `${g} ${num(k.kappa)}`)
                  .join(" · ")}
              </td>
              <td>
                {p.disagreeing.length === 0
                  ? "none"
                  : p.disagreeing.map((id) => (
                      <div key={id}>{pairLink(id)}</div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="disagreeing">All disagreeing pairs ({a.disagreeing.length})</h2>
      <ul data-testid="disagreeing-pairs">
        {a.disagreeing.map((id) => (
          <li key={id}>{pairLink(id)}</li>
        ))}
      </ul>
    </>
  );
}
