import type { ReactNode } from "react";

/** A titled dashboard card. */
export function Panel({ title, hint, children, wide = false }: { title: string; hint?: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? "dash-panel dash-panel--wide" : "dash-panel"} aria-label={title}>
      <h2>{title}</h2>
      {hint && <p className="muted dash-panel__hint">{hint}</p>}
      {children}
    </section>
  );
}
