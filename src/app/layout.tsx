import { useEffect, useRef, type MouseEvent } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router-dom";
import { ErrorBoundary } from "../components/error-boundary.tsx";
import { ViewFailed } from "../components/view-states.tsx";
import { LIVE_ATTRIBUTE } from "../contract/page-state.ts";
import { KeyboardShortcuts } from "../features/keyboard/keyboard-shortcuts.tsx";
import { OfflineIndicator, OfflineSavedNote, UpdatePrompt } from "../features/pwa/pwa-status.tsx";
import { SearchForm } from "../features/search/search-form.tsx";
import { ThemeToggle } from "../features/theme/theme-toggle.tsx";
import { paths } from "../lib/paths.ts";
import { useScrollRestoration } from "./use-scroll-restoration.ts";

/** After a navigation, focus goes to the new view's heading, as a screen reader user expects. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.getElementById("view-title") ?? document.getElementById("main");
    target?.focus({ preventScroll: true });
  }, [pathname]);
}

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}

/** Marks the page as running once the layout, and so the keyboard shortcuts inside it, are live. */
function useLiveMark() {
  useEffect(() => document.documentElement.setAttribute(LIVE_ATTRIBUTE, ""), []);
}

export function Layout({ preloadSearch }: { preloadSearch?: () => unknown }) {
  useLiveMark();
  useFocusOnNavigate();
  useScrollRestoration();
  // Every navigation (a new location key, the same address too) gives a failed view another chance.
  const { key } = useLocation();
  return (
    <>
      {/* Focus moves without a URL fragment: a fragment would be a navigation of its own. */}
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={paths.home} className="brand">
            Broadsheet
          </Link>
          <OfflineIndicator />
          <nav aria-label="Main">
            <ul className="site-nav">
              <li>
                <NavLink to={paths.home} end>
                  Front page
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.topics}>Topics</NavLink>
              </li>
              <li>
                <NavLink to={paths.following}>Following</NavLink>
              </li>
              <li>
                <NavLink to={paths.saved}>Saved</NavLink>
              </li>
            </ul>
          </nav>
          <SearchForm onPrepare={preloadSearch} />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page">
        <ErrorBoundary resetKey={key} fallback={<ViewFailed />}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>Broadsheet is an open-source reader. Stories belong to the outlets that published them.</p>
        <OfflineSavedNote />
        <KeyboardShortcuts />
      </footer>
      <UpdatePrompt />
    </>
  );
}
