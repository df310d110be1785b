import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { PairFilter } from "../../../shared/api";
import type { ActorView } from "../../../shared/authApi";
import type { Round } from "../../../shared/rounds";
import { filtersFromSearch } from "../../api/filters";
import { can } from "../../../shared/roles";
import { fetchProgress, fetchRounds, fetchUsers, createRound, patchRound } from "../../api/roundsClient";
import { useCurrentSplit } from "../../app/currentSplit";
import { Link } from "../../app/Link";
import { useReviewerStore } from "../../app/reviewerStore";
import { useLocation } from "../../lib/router";
import { AdjudicationView } from "./AdjudicationView";
import { AgreementView } from "./AgreementView";
import { Discussions } from "./Discussions";
import { openNextOfRound } from "../../rounds/voteActions";
import { useRoundEvents } from "../../rounds/useRoundEvents";
import "../../rounds/rounds.css";

/*
 * Review rounds (issue 11). Leads create a round over the current queue filter and follow its
 * progress (live: `round` events refetch it); every reviewer sees the rounds they are in and starts
 * reviewing with "next".
 */

/** Filter keys a round may keep (the split is its own field; sorting and models are the queue's). */
const roundFilterKeys = ["status", "granularity", "minTargets", "maxTargets", "category", "flag", "reviewer", "reason", "discussion", "mentions", "q"] as const;

export function roundFilter(filters: PairFilter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of roundFilterKeys) if (filters[key] !== undefined) out[key] = filters[key];
  return out;
}

function duration(ms: number | null): string {
  if (ms === null) return "not known yet (needs two votes of one reviewer)";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 90) return `about ${minutes} min`;
  return `about ${(minutes / 60).toFixed(1)} h`;
}

export function RoundsScreen() {
  const { pathname } = useLocation();
  // Progress, "your rounds" and the adjudication queue follow votes live.
  useRoundEvents();
  const match = /^\/rounds\/(\d+)\/(adjudication|agreement)$/.exec(pathname);
  if (match) {
    const id = Number(match[1]);
    return <main className="rounds-screen">{match[2] === "adjudication" ? <AdjudicationView roundId={id} /> : <AgreementView roundId={id} />}</main>;
  }
  return (
    <main className="rounds-screen">
      <h1>Review rounds</h1>
      <MyRounds />
      <CreateRound />
      <RoundList />
      <Discussions />
    </main>
  );
}

function MyRounds() {
  const reviewer = useReviewerStore((s) => s.name);
  const mine = useQuery({ queryKey: ["rounds", "mine", reviewer], queryFn: () => fetchRounds(reviewer ?? undefined), enabled: reviewer !== null });
  const open = (mine.data ?? []).filter((r) => !r.closed && (reviewer === null || r.reviewers.includes(reviewer)));
  if (open.length === 0) return null;
  return (
    <section aria-label="Your rounds">
      <h2>Your rounds</h2>
      <ul>
        {open.map((round) => (
          <li key={round.id}>
            {round.name} ({round.pairs} pairs){" "}
            <button type="button" onClick={() => void openNextOfRound(round.id)}>
              Start reviewing round {round.id}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CreateRound() {
  const { search } = useLocation();
  const { split } = useCurrentSplit();
  const client = useQueryClient();
  const filter = roundFilter(filtersFromSearch(search));
  const [overlap, setOverlap] = useState(2);
  const [share, setShare] = useState(100);
  const [reviewers, setReviewers] = useState("");
  // Team mode has users (a lead may list them); solo mode has none, and names are typed.
  const users = useQuery({ queryKey: ["users"], queryFn: fetchUsers });
  const team = (users.data?.length ?? 0) > 0;
  const [picked, setPicked] = useState<string[]>([]);
  const [blind, setBlind] = useState(true);
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!split) return;
    const pool = team
      ? picked
      : reviewers
          .split(/[,\s]+/)
          .map((r) => r.trim())
          .filter(Boolean);
    if (pool.length === 0) {
      setMessage({ tone: "error", text: "Pick at least one reviewer for the round." });
      return;
    }
    try {
      const created = await createRound({ split: split.name, filter, overlap, share: share / 100, reviewers: pool, blind, ...(name.trim() ? { name: name.trim() } : {}) });
      setMessage({
        tone: "info",
        text: `Round ${created.round.id} created with ${created.round.pairs} pairs${created.skipped ? ` (${created.skipped} left out: already in an open round)` : ""}.`,
      });
      void client.invalidateQueries({ queryKey: ["rounds"] });
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : String(error) });
    }
  };

  const filterText = Object.entries(filter)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
  return (
    <section aria-label="New round">
      <h2>New round</h2>
      <p className="muted">
        Over the pairs of split <strong>{split?.name ?? "—"}</strong> matching {filterText ? <code>{filterText}</code> : "no filter (every pair)"}. Open this
        screen from a queue to take its filters.
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="round-name">Name</label>
        <input id="round-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="optional" maxLength={120} />
        <label htmlFor="round-overlap">Overlap (votes per pair)</label>
        <input id="round-overlap" type="number" min={1} max={10} value={overlap} onChange={(e) => setOverlap(Number(e.target.value))} />
        <label htmlFor="round-share">Share with overlap (%)</label>
        <input id="round-share" type="number" min={0} max={100} value={share} onChange={(e) => setShare(Number(e.target.value))} disabled={overlap <= 1} />
        {team ? (
          <PoolPicker users={users.data ?? []} picked={picked} onChange={setPicked} />
        ) : (
          <>
            <label htmlFor="round-reviewers">Reviewers (user names)</label>
            <input id="round-reviewers" value={reviewers} onChange={(e) => setReviewers(e.target.value)} placeholder="ann, bob" required />
          </>
        )}
        <label htmlFor="round-blind">Blind votes</label>
        <input id="round-blind" type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} />
        <span />
        <button type="submit" disabled={!split}>
          Create round
        </button>
      </form>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "round-bar__problem" : undefined}>
          {message.text}
        </p>
      )}
    </section>
  );
}

/** Team mode: the pool as a checkbox per user who may vote (viewers cannot be in a pool). */
function PoolPicker({ users, picked, onChange }: { users: readonly ActorView[]; picked: string[]; onChange: (names: string[]) => void }) {
  const eligible = users.filter((user) => can(user.role, "vote"));
  const toggle = (name: string, on: boolean) => onChange(on ? [...picked, name] : picked.filter((n) => n !== name));
  return (
    <>
      <span id="round-pool-label">Reviewers</span>
      <div role="group" aria-labelledby="round-pool-label" className="round-pool" data-testid="round-pool">
        {eligible.length === 0 ? <span className="muted">No user may vote yet (mmr-review users add).</span> : null}
        {eligible.map((user) => (
          <label key={user.name} className="round-pool__user">
            <input type="checkbox" checked={picked.includes(user.name)} onChange={(e) => toggle(user.name, e.target.checked)} /> {user.name}{" "}
            <span className="muted">{user.role}</span>
          </label>
        ))}
      </div>
    </>
  );
}

function RoundList() {
  const rounds = useQuery({ queryKey: ["rounds", "all"], queryFn: () => fetchRounds() });
  if (rounds.error) return <p role="alert">Could not load the rounds: {rounds.error.message}</p>;
  if (!rounds.data) return <p className="muted">Loading the rounds…</p>;
  if (rounds.data.length === 0) return <p className="muted">No round yet.</p>;
  return (
    <section aria-label="Rounds">
      <h2>Rounds</h2>
      <table>
        <thead>
          <tr>
            <th>Round</th>
            <th>Pairs</th>
            <th>Progress</th>
            <th>Reviewers</th>
            <th>Time left</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rounds.data.map((round) => (
            <RoundRow key={round.id} round={round} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RoundRow({ round }: { round: Round }) {
  const client = useQueryClient();
  const progress = useQuery({ queryKey: ["rounds", "progress", round.id], queryFn: () => fetchProgress(round.id) });
  const p = progress.data;
  const patch = async (change: { blind?: boolean; closed?: boolean }) => {
    await patchRound(round.id, change);
    void client.invalidateQueries({ queryKey: ["rounds"] });
  };
  return (
    <tr data-testid={`round-${round.id}`}>
      <td>
        {round.id}. {round.name}
        <div className="muted">
          {round.split} · overlap {round.overlap}
          {round.overlap > 1 && round.share < 1 ? ` on ${Math.round(round.share * 100)} %` : ""} · {round.blind ? "blind" : "votes visible"}
          {round.closed ? " · closed" : ""}
        </div>
      </td>
      <td>{round.pairs}</td>
      <td>
        {p ? (
          <>
            {p.votesCast} of {p.votesNeeded} votes
            <div className="muted">
              agreed {p.byState.agreed} · to adjudicate {p.byState.adjudication} · resolved {p.byState.resolved} · open {p.byState.open}
            </div>
          </>
        ) : (
          "…"
        )}
      </td>
      <td>
        {p?.reviewers.map((r) => (
          <div key={r.reviewer}>
            {r.reviewer}: {r.votes}
            {r.paceMs !== null ? <span className="muted"> ({Math.round(r.paceMs / 1000)} s/vote)</span> : null}
          </div>
        ))}
      </td>
      <td>{p ? duration(p.timeLeftMs) : "…"}</td>
      <td>
        <Link href={`/rounds/${round.id}/adjudication`}>Adjudicate ({p?.byState.adjudication ?? 0})</Link>
        <br />
        <Link href={`/rounds/${round.id}/agreement`}>Agreement</Link>
        <br />
        <button type="button" onClick={() => void patch({ blind: !round.blind })}>
          {round.blind ? "Show votes" : "Make blind"}
        </button>{" "}
        <button type="button" onClick={() => void patch({ closed: !round.closed })}>
          {round.closed ? "Reopen" : "Close"}
        </button>
      </td>
    </tr>
  );
}
