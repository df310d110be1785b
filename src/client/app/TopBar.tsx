import { filtersFromSearch, searchFromFilters } from "../api/filters";
import { useMe } from "../api/authQueries";
import { SignedInUser } from "../features/auth/SignedInUser";
import { can, deniedReason, type Permission } from "../../shared/roles";
import { Link } from "./Link";
import { OfflineBadge } from "./OfflineBadge";
import { useReviewerStore } from "./reviewerStore";
import { useLocation } from "../lib/router";
import { SplitPicker } from "./SplitPicker";
import { ThemeToggle } from "./ThemeToggle";

const screens: { path: string; label: string; needs: Permission }[] = [
  { path: "/review", label: "Review", needs: "read" },
  { path: "/gallery", label: "Gallery", needs: "read" },
  { path: "/dashboard", label: "Dashboard", needs: "dashboard" },
  { path: "/export", label: "Export", needs: "export" },
  { path: "/rounds", label: "Rounds", needs: "read" },
];

export function TopBar() {
  const { pathname, search } = useLocation();
  const reviewer = useReviewerStore((state) => state.name);
  const renameRequested = useReviewerStore((state) => state.renameRequested);
  const { data: me } = useMe();
  const role = me?.mode === "team" ? (me.user?.role ?? null) : null;
  const split = filtersFromSearch(search).split;
  const keep = split ? `?split=${encodeURIComponent(split)}` : "";
  // Rounds are made over the queue being looked at: its link keeps every filter of the URL.
  const roundsKeep = searchFromFilters(filtersFromSearch(search));
  return (
    <header className="topbar">
      <span className="topbar__name">MMR Review</span>
      <SplitPicker />
      <nav className="topbar__nav" aria-label="Screens">
        {screens.map((screen) =>
          role && !can(role, screen.needs) ? (
            <span key={screen.path} className="topbar__nav-off" aria-disabled="true" title={deniedReason(role, screen.needs)}>
              {screen.label}
            </span>
          ) : (
            <Link
              key={screen.path}
              href={screen.path === "/review" ? `/${keep}` : screen.path === "/rounds" ? `/rounds${roundsKeep}` : `${screen.path}${keep}`}
              aria-current={pathname.startsWith(screen.path) ? "page" : undefined}
            >
              {screen.label}
            </Link>
          ),
        )}
      </nav>
      <span className="topbar__spacer" />
      <OfflineBadge />
      <ThemeToggle />
      {me?.mode === "team" ? (
        <SignedInUser />
      ) : (
        <button type="button" className="topbar__reviewer" title="Change reviewer" aria-haspopup="dialog" onClick={renameRequested}>
          <span className="visually-hidden">Reviewer: </span>
          {reviewer ?? "—"}
        </button>
      )}
      <span className="topbar__help muted">Press ? for keys</span>
    </header>
  );
}
