import { useRef } from "react";
import { flushSync } from "react-dom";
import { Link } from "react-router-dom";
import { RelativeTime } from "../../components/relative-time.tsx";
import { paths } from "../../lib/paths.ts";
import { removeSaved, useSavedStories } from "./library-store.ts";

/** The stories saved on this device, newest saved first: all from storage, nothing from the network. */
export function SavedList() {
  const saved = useSavedStories();
  const list = useRef<HTMLDivElement>(null);

  // The button pressed goes away with its story: focus moves to the next story's, or to the heading.
  function remove(id: string, position: number) {
    flushSync(() => removeSaved(id));
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>(".saved-story__remove") ?? [];
    (buttons[Math.min(position, buttons.length - 1)] ?? document.getElementById("view-title"))?.focus();
  }

  if (saved.length === 0) {
    return (
      <p className="empty">
        No saved stories yet. Press Save on any story to keep it here for later: it stays on this device, and opens even
        offline once you have read it.
      </p>
    );
  }
  return (
    <div ref={list} role="feed" aria-label="Saved stories" className="saved-list">
      {saved.map(({ story }, index) => (
        <article
          key={story.id}
          className="saved-story"
          aria-labelledby={`saved-${story.id}`}
          aria-posinset={index + 1}
          aria-setsize={saved.length}
        >
          <h2 className="story__title" id={`saved-${story.id}`}>
            <Link to={paths.article(story.id)} data-shortcut="open">
              {story.title}
            </Link>
          </h2>
          <p className="story__meta">
            {story.provider && <span className="story__provider">{story.provider.name}</span>}
            <RelativeTime iso={story.publishedAt} />
          </p>
          {story.excerpt && <p className="story__excerpt">{story.excerpt}</p>}
          <button type="button" className="button button--small saved-story__remove" onClick={() => remove(story.id, index)}>
            Remove <span className="visually-hidden">{story.title}</span>
          </button>
        </article>
      ))}
    </div>
  );
}
