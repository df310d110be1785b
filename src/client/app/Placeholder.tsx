export function Placeholder({ title }: { title: string }) {
  return (
    <main className="screen-message">
      <h1>{title}</h1>
      <p className="muted">This screen is on its way.</p>
    </main>
  );
}
