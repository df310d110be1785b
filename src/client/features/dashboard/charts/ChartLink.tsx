import type { MouseEvent, ReactNode } from "react";
import { navigate } from "../../../app/router";

/** An SVG link that moves within the app (a plain click) or opens a new tab (ctrl/cmd-click). */
export function ChartLink({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} aria-label={label} className="chart-link">
      <title>{label}</title>
      {children}
    </a>
  );
}
