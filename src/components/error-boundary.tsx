import { Component, type ReactNode } from "react";

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What shows instead of `children` once they have thrown. */
  fallback: ReactNode;
  /** A new value (the next navigation's location) gives `children` another chance. */
  resetKey?: unknown;
}

interface ErrorBoundaryState {
  failed: boolean;
  resetKey: unknown;
}

/**
 * Shows `fallback` in place of a part of the page that threw while rendering, so one
 * record that cannot be shown never blanks the page. React logs the error itself.
 * A dozen lines, so no library: react-error-boundary's extras (hooks, reset callbacks) are
 * not needed here.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  // Reset in the same render as the navigation: the next view shows without a flash of the fallback.
  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { failed: false, resetKey: props.resetKey };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
