import { useEffect, useRef } from "react";

const KEYS: [keys: string[], what: string][] = [
  [["j"], "Next story"],
  [["k"], "Previous story"],
  [["o", "Enter"], "Open the focused story"],
  [["s"], "Save the focused story, or unsave it"],
  [["/"], "Search"],
  [["?"], "This list of shortcuts"],
  [["Esc"], "Close this list"],
];

/**
 * Every key, in a modal dialog: Escape (the browser's own) or Close shuts it, and the
 * caller puts focus back where it was.
 */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Opened once mounted; unmounting takes it out of the page, and off the top layer, with it.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-title" onClose={onClose}>
      <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
      <p>They work anywhere but in a text field.</p>
      <dl>
        {KEYS.map(([keys, what]) => (
          <div key={what}>
            <dt>
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && " or "}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
