import { useRef } from "react";
import { flushSync } from "react-dom";
import { Link } from "react-router-dom";
import { paths } from "../../lib/paths.ts";
import { StoryCard } from "../feed/story-card.tsx";
import { useSavedStories } from "../library/library-store.ts";

/** The stories saved on this device, newest saved first: all from storage, nothing from the network. */
export function SavedList() {
  const saved = useSavedStories();
  const list = useRef<HTMLDivElement>(null);

  // Unsaving a story takes it off the list with its button: focus moves to the next story's, or to the heading.
  function movedOn(position: number) {
    flushSync(() => undefined);
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>(".save-toggle") ?? [];
    (buttons[Math.min(position, buttons.length - 1)] ?? document.getElementById("view-title"))?.focus();
  }

  if (saved.length === 0) {
    return (
      <div className="empty">
        <p>No saved stories yet.</p>
        <p>
          Press Save on any story to keep it here for later. It stays on this device, and opens even offline once you have
          read it. <Link to={paths.home}>Browse the front page</Link>
        </p>
      </div>
    );
  }
  return (
    <div ref={list} role="feed" aria-label="Saved stories" className="story-list">
      <div className="story-grid">
        {saved.map(({ story }, index) => (
          <StoryCard key={story.id} story={story} position={index + 1} setSize={saved.length} excerpt onSaveToggle={() => movedOn(index)} />
        ))}
      </div>
    </div>
  );
}
