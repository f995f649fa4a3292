import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { paths } from "../lib/paths.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";

interface ErrorStateProps {
  what: string;
  onRetry: () => void;
}

/** A failed load, said plainly, with a way to try again. */
export function ErrorState({ what, onRetry }: ErrorStateProps) {
  return (
    <div className="error-state" role="alert">
      <p>Couldn’t load {what}. Check your connection and try again.</p>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

/** Placeholder blocks shaped like what is coming, announced once to screen readers. */
export function Skeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div className="skeleton" aria-busy="true">
      <p className="visually-hidden" role="status">
        {label}
      </p>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton__block" />
      ))}
    </div>
  );
}

interface NotFoundProps {
  title?: string;
  message?: string;
  /** Beside the way back: another thing to do. */
  children?: ReactNode;
}

export function NotFound({
  title = "Page not found",
  message = "There is nothing at this address. It may have moved, or the link may be mistyped.",
  children,
}: NotFoundProps) {
  return (
    <section className="not-found" aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        {title}
      </h1>
      <p>{message}</p>
      <p className="not-found__actions">
        <Link to={paths.home} className="button button--primary">
          Back to all stories
        </Link>
        <Link to={paths.topics}>Browse the topics</Link>
        <Link to={paths.saved}>Your saved stories</Link>
        {children}
      </p>
    </section>
  );
}

export const reloadPage = () => window.location.reload();

/** In place of a view that threw while rendering: the header still works, and so does this way out. */
export function ViewFailed() {
  useDocumentTitle("This page couldn’t be shown");
  return (
    <NotFound
      title="This page couldn’t be shown"
      message="Something on it is damaged or in a form Broadsheet can’t show. The rest of Broadsheet still works."
    >
      <button type="button" className="button" onClick={reloadPage}>
        Reload
      </button>
    </NotFound>
  );
}

/**
 * Part of a view whose data was never saved on this device, said as such while offline,
 * with what still works: the stories saved on this device.
 */
export function NotSavedOffline({ message }: { message: string }) {
  return (
    <div className="empty">
      <p role="status">{message}</p>
      <p>
        <Link to={paths.saved}>Read your saved stories</Link>, which work offline.
      </p>
    </div>
  );
}
