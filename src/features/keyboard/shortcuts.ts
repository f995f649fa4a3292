/**
 * The reader's keys, as plain DOM work over what the views render: a story list is a
 * `role="feed"` of `<article aria-posinset>`, and inside a story `data-shortcut="open"`
 * marks its link and `data-shortcut="save"` its Save button. Nothing here knows the feed's
 * data, so the same keys work on every list that follows those conventions.
 */

const STORY = '[role="feed"] article[aria-posinset]';

/** Keys typed into a field are text, never commands. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

const storyAround = (element: Element | null) => element?.closest<HTMLElement>(STORY) ?? null;

const storyAt = (position: number) => document.querySelector<HTMLElement>(`${STORY}[aria-posinset="${position}"]`);

function focusStory(story: HTMLElement) {
  story.querySelector<HTMLElement>('[data-shortcut="open"]')?.focus({ preventScroll: true });
  story.scrollIntoView({ block: "nearest" });
}

/** Whole frames for the list to render the rows a scroll brought in. */
const afterFrames = (run: () => void, frames = 2) =>
  requestAnimationFrame(() => (frames > 1 ? afterFrames(run, frames - 1) : run()));

/**
 * j and k. With no story focused, the first one on screen takes focus. The list is
 * virtualised: a story's neighbours are rendered while it is on screen, but the focused
 * story stays rendered after a scroll takes it away, and then its neighbours are not: it is
 * brought back first. Past the last story loaded nothing happens (scrolling there already
 * loads the next page).
 */
function moveStory(step: 1 | -1) {
  const current = storyAround(document.activeElement);
  if (!current) {
    const stories = [...document.querySelectorAll<HTMLElement>(STORY)];
    const onScreen = stories.find((story) => story.getBoundingClientRect().bottom > 0) ?? stories[0];
    if (onScreen) focusStory(onScreen);
    return;
  }
  const position = Number(current.getAttribute("aria-posinset")) + step;
  const next = storyAt(position);
  if (next) return focusStory(next);
  current.scrollIntoView({ block: "nearest" });
  afterFrames(() => {
    const shown = storyAt(position);
    if (shown) focusStory(shown);
  });
}

/** The story holding focus's control for `action`, if any. */
const inFocusedStory = (action: "open" | "save") =>
  document.activeElement?.closest("article")?.querySelector<HTMLElement>(`[data-shortcut="${action}"]`);

/** Handles one keydown; true when it was a shortcut. */
export function runShortcut(event: KeyboardEvent, openHelp: () => void): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return false;
  // A modal dialog has keys of its own (Escape closes it).
  if (document.querySelector("dialog[open]")) return false;
  switch (event.key) {
    case "j":
      moveStory(1);
      return true;
    case "k":
      moveStory(-1);
      return true;
    case "o":
      inFocusedStory("open")?.click();
      return true;
    case "s":
      inFocusedStory("save")?.click();
      return true;
    case "/": {
      // The header's search box, where the app has one.
      const search = document.getElementById("search-input");
      search?.focus();
      return search !== null;
    }
    case "?":
      openHelp();
      return true;
    default:
      return false;
  }
}
