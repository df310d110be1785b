import { useQuery } from "@tanstack/react-query";
import { fetchAgreement, fetchRounds } from "../../../api/roundsClient";
import { Link } from "../../../app/Link";
import { Panel } from "./Panel";

const num = (x: number | null) => (x === null ? "n/a" : x.toFixed(2));

/** Agreement of the split's review rounds (issue 11), each linking to exactly its disagreeing pairs. */
export function RoundsAgreementPanel({ split }: { split: string | undefined }) {
  const rounds = useQuery({ queryKey: ["rounds", "all"], queryFn: () => fetchRounds(), retry: false });
  const mine = (rounds.data ?? []).filter((r) => r.split === split && r.overlap > 1);
  if (mine.length === 0) return null;
  return (
    <Panel title="Review rounds: agreement" hint="Fleiss' κ on accept/reject over the pairs with two votes or more.">
      <ul className="dash-rounds">
        {mine.map((round) => (
          <RoundAgreement key={round.id} id={round.id} name={round.name} />
        ))}
      </ul>
    </Panel>
  );
}

function RoundAgreement({ id, name }: { id: number; name: string }) {
  const report = useQuery({ queryKey: ["rounds", "agreement", id], queryFn: () => fetchAgreement(id), refetchInterval: 30_000 });
  const a = report.data?.agreement;
  return (
    <li>
      {name}: {a ? `κ ${num(a.fleiss.kappa)} over ${a.pairs} pairs · ` : "… · "}
      <Link href={`/rounds/${id}/agreement#disagreeing`}>{a ? `${a.disagreeing.length} disagreeing pairs` : "disagreeing pairs"}</Link>
    </li>
  );
}
