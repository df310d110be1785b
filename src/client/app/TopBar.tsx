import { filtersFromSearch, searchFromFilters } from "../api/filters";
import { Link } from "./Link";
import { OfflineBadge } from "./OfflineBadge";
import { useReviewerStore } from "./reviewerStore";
import { useLocation } from "../lib/router";
import { SplitPicker } from "./SplitPicker";
import { ThemeToggle } from "./ThemeToggle";

const screens = [
  { path: "/review", label: "Review" },
  { path: "/gallery", label: "Gallery" },
  { path: "/dashboard", label: "Dashboard" },
  { path: "/export", label: "Export" },
  { path: "/rounds", label: "Rounds" },
] as const;

export function TopBar() {
  const { pathname, search } = useLocation();
  const reviewer = useReviewerStore((state) => state.name);
  const renameRequested = useReviewerStore((state) => state.renameRequested);
  const split = filtersFromSearch(search).split;
  const keep = split ? `?split=${encodeURIComponent(split)}` : "";
  // Rounds are made over the queue being looked at: its link keeps every filter of the URL.
  const roundsKeep = searchFromFilters(filtersFromSearch(search));
  return (
    <header className="topbar">
      <span className="topbar__name">MMR Review</span>
      <SplitPicker />
      <nav className="topbar__nav" aria-label="Screens">
        {screens.map((screen) => (
          <Link
            key={screen.path}
            href={screen.path === "/review" ? `/${keep}` : screen.path === "/rounds" ? `/rounds${roundsKeep}` : `${screen.path}${keep}`}
            aria-current={pathname.startsWith(screen.path) ? "page" : undefined}
          >
            {screen.label}
          </Link>
        ))}
      </nav>
      <span className="topbar__spacer" />
      <OfflineBadge />
      <ThemeToggle />
      <button type="button" className="topbar__reviewer" title="Change reviewer" aria-haspopup="dialog" onClick={renameRequested}>
        <span className="visually-hidden">Reviewer: </span>
        {reviewer ?? "—"}
      </button>
      <span className="topbar__help muted">Press ? for keys</span>
    </header>
  );
}
