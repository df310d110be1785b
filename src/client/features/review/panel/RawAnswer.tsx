export function RawAnswer({ rawAnswer }: { rawAnswer: string | null }) {
  return (
    <details className="raw-answer">
      <summary>Raw answer (as generated, with boxes)</summary>
      {rawAnswer === null ? <p className="muted">The record has no raw answer.</p> : <p className="raw-answer__text">{rawAnswer}</p>}
    </details>
  );
}
