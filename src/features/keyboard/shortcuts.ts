/**
 * The reader's keys, as plain DOM work over what the views render: a story list is a
 * `role="feed"` of `<article aria-posinset>`; inside a story `data-shortcut="open"` marks
 * its link (else its first link is taken) and `data-shortcut="save"` its Save button, in a
 * list or on a story's own page. Nothing here knows the data, so the same keys work on
 * every list that follows those conventions.
 */

const STORY = '[role="feed"] article[aria-posinset]';

/** Keys typed into a field are text, never commands. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

const storyAround = (element: Element | null) => element?.closest<HTMLElement>(STORY) ?? null;

const storyAt = (position: number) => document.querySelector<HTMLElement>(`${STORY}[aria-posinset="${position}"]`);

const openLink = (story: HTMLElement) =>
  story.querySelector<HTMLElement>('[data-shortcut="open"]') ?? story.querySelector<HTMLElement>("a[href]");

function focusStory(story: HTMLElement) {
  openLink(story)?.focus({ preventScroll: true });
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
    case "o": {
      const story = storyAround(document.activeElement);
      if (story) openLink(story)?.click();
      return true;
    }
    case "s":
      // A story in a list, or the story on its own page.
      document.activeElement?.closest("article")?.querySelector<HTMLElement>('[data-shortcut="save"]')?.click();
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
