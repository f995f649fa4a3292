import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { runShortcut } from "./shortcuts.ts";

// The list of keys is read rarely: it loads the first time a reader asks for it.
const KeyboardHelp = lazy(async () => ({ default: (await import("./keyboard-help.tsx")).KeyboardHelp }));

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
      {helpOpen && (
        <Suspense fallback={null}>
          <KeyboardHelp onClose={closeHelp} />
        </Suspense>
      )}
    </>
  );
}
