import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ComponentType, ReactNode } from "react";
import { BrowserRouter } from "react-router-dom";
import { ErrorBoundary } from "../components/error-boundary.tsx";
import { reloadPage } from "../components/view-states.tsx";
import { ClockProvider } from "../lib/use-clock.ts";
import { AppRoutes } from "./routes.tsx";

const HOME = import.meta.env.BASE_URL;

/** When even the header cannot be shown: plain markup, outside the router, with a way home and a reload. */
export function AppFailed() {
  return (
    <main id="main" className="page not-found">
      <h1>Broadsheet couldn’t be shown</h1>
      <p>Something went wrong while showing this page.</p>
      <p className="not-found__actions">
        <a href={HOME}>Back to all stories</a>
        <button type="button" className="button" onClick={reloadPage}>
          Reload
        </button>
      </p>
    </main>
  );
}

interface AppProps {
  queryClient: QueryClient;
  /** The browser's router, unless the build draws the page at one address (src/prerender/server.tsx: a StaticRouter). */
  router?: ComponentType<{ basename: string; children: ReactNode }>;
}

// Declarative routing: the data router would add about 17 KB gzip to every first visit
// for loaders and actions this app does not use.
export function App({ queryClient, router: Router = BrowserRouter }: AppProps) {
  return (
    <ErrorBoundary fallback={<AppFailed />}>
      <QueryClientProvider client={queryClient}>
        <ClockProvider>
          <Router basename={import.meta.env.BASE_URL}>
            <AppRoutes />
          </Router>
        </ClockProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
