import { useEffect, useRef, useState } from "react";
import { KeyboardHelp } from "./keyboard-help.tsx";
import { runShortcut } from "./shortcuts.ts";

// The help ships with the first load, though it is rarely opened: it is half a kilobyte
// gzipped, and as a chunk of its own it made the bundler split React out of the main
// chunk, which cost the first visit more than the dialog does (measured: +0.4 kB, one request).

/** Listens for the reader's keys on every view, and says in the footer how to learn them. */
export function KeyboardShortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);
  // Where focus was when the help opened: it goes back there when the help closes.
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const openHelp = () => {
        returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setHelpOpen(true);
      };
      if (runShortcut(event, openHelp)) event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const closeHelp = () => {
    setHelpOpen(false);
    returnFocus.current?.focus();
  };

  return (
    <>
      <p className="keyboard-hint">
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
      {helpOpen && <KeyboardHelp onClose={closeHelp} />}
    </>
  );
}
