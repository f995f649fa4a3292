import type { Summary } from "../../contract/types.ts";
import { toggleSaved, useIsSaved } from "./library-store.ts";

/**
 * A bookmark: saves a story on this device, or takes it back out. It shows "Save" or
 * "Saved"; its name stays "Save <title>" (a toggle's name never changes: aria-pressed says
 * whether it is saved); the keyboard's `s` presses it through `data-shortcut`.
 */
interface SaveToggleProps {
  story: Summary;
  className?: string;
  /** After a press: the Saved list moves focus on when a story leaves it. */
  onToggle?: () => void;
}

export function SaveToggle({ story, className = "save-toggle--compact", onToggle }: SaveToggleProps) {
  const saved = useIsSaved(story.id);
  return (
    <button type="button" className={`save-toggle ${className}`} aria-label={`Save ${story.title}`}
      aria-pressed={saved}
      data-shortcut="save"
      onClick={() => {
        toggleSaved(story);
        onToggle?.();
      }}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
        <path d="M6 3h12v18l-6-4.5L6 21z" />
      </svg>
      <span className="save-toggle__label">{saved ? "Saved" : "Save"}</span>
    </button>
  );
}
