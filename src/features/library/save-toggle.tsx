import type { Summary } from "../../contract/types.ts";
import { toggleSaved, useIsSaved } from "./library-store.ts";

/**
 * Saves a story on this device, or takes it back out. Its name says which story ("Save
 * <title>") and aria-pressed says whether it is saved; the keyboard's `s` presses it
 * through `data-shortcut`.
 */
export function SaveToggle({ story, className = "button button--small" }: { story: Summary; className?: string }) {
  const saved = useIsSaved(story.id);
  return (
    <button type="button" className={`${className} save-toggle`} aria-pressed={saved} data-shortcut="save" onClick={() => toggleSaved(story)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
        <path d="M6 3h12v18l-6-4.5L6 21z" />
      </svg>
      Save <span className="visually-hidden">{story.title}</span>
    </button>
  );
}
