import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type FocusEvent } from "react";
import { ErrorState, NotSavedOffline, Skeleton } from "../../components/view-states.tsx";
import type { Summary } from "../../contract/types.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { StoryCard } from "./story-card.tsx";

/** What the list needs of a page: its stories, and how many the whole list has when that is known. */
export interface StoryPage {
  items: Summary[];
  total?: number;
}

interface StoryListProps {
  /** The list's pages, as the view's query loads them. */
  feed: UseInfiniteQueryResult<InfiniteData<StoryPage, unknown>>;
  label: string;
  /** What an empty list says. */
  empty?: string;
  /** What the list says offline when its first page was never saved on this device. */
  notSaved?: string;
}

/**
 * Every row is one fixed height (the card clamps its text to fit), so nothing is measured
 * after it paints: no re-renders while scrolling, no layout shift, and a reader coming
 * back lands on the same story. The heights match `.story` in styles.css.
 */
const NARROW = "(max-width: 40rem)";
/** In rem, so a reader's larger default font grows the rows with the text. */
const ROW_HEIGHT = { wide: 14.5, narrow: 14.25 };

/** Read once per change of width, never while rendering: reading styles forces a layout. */
let rowHeight: number | undefined;
const measureRowHeight = () =>
  (window.matchMedia(NARROW).matches ? ROW_HEIGHT.narrow : ROW_HEIGHT.wide) *
  (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);

function subscribeToWidth(onChange: () => void) {
  const query = window.matchMedia(NARROW);
  const update = () => {
    rowHeight = measureRowHeight();
    onChange();
  };
  query.addEventListener("change", update);
  return () => query.removeEventListener("change", update);
}

const useRowHeight = () => useSyncExternalStore(subscribeToWidth, () => (rowHeight ??= measureRowHeight()));

/**
 * Stories newest first, a page at a time. Only the cards near the viewport are in the
 * DOM, so a reader can scroll through thousands of stories without the page slowing.
 */
export function StoryList({
  feed,
  label,
  empty = "No stories yet.",
  notSaved = "These stories aren’t saved for offline reading. Connect to the internet to see them.",
}: StoryListProps) {
  const online = useOnlineStatus();
  const stories = feed.data?.pages.flatMap((page) => page.items) ?? [];
  // A list merged from several topics learns its length only at its end.
  const total = feed.data?.pages[0].total ?? (feed.hasNextPage ? undefined : stories.length);

  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, [feed.isSuccess]);

  // The row holding focus stays in the DOM when scrolled away, so keyboard focus is never lost.
  const focusedRow = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const rows = defaultRangeExtractor(range);
    const focused = focusedRow.current;
    return focused === null || focused >= range.count || rows.includes(focused) ? rows : [...rows, focused].sort((a, b) => a - b);
  }, []);
  const onRowBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) focusedRow.current = null;
  };

  const rowHeight = useRowHeight();
  const virtualizer = useWindowVirtualizer({
    count: stories.length,
    estimateSize: () => rowHeight,
    overscan: 4,
    scrollMargin,
    rangeExtractor,
    // React batches the list's updates with everything else; a synchronous render per scroll
    // event made long tasks of the first screen.
    useFlushSync: false,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = feed;
  const lastShown = items.length > 0 ? items[items.length - 1].index : -1;
  // Scrolling near the end loads the next page; after a failure, only Retry asks again.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && lastShown >= stories.length - 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage, lastShown, stories.length]);

  if (feed.isPending) return <Skeleton label={`Loading ${label}…`} lines={4} />;
  if (feed.isError && stories.length === 0 && !online) return <NotSavedOffline message={notSaved} />;
  if (feed.isError && stories.length === 0) return <ErrorState what={label} onRetry={() => void feed.refetch()} />;
  if (total === 0) return <p className="empty">{empty}</p>;

  return (
    <>
      <div
        ref={listRef}
        role="feed"
        aria-label={label}
        aria-busy={isFetchingNextPage}
        className="story-list"
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
      >
        {items.map((item) => (
          <div
            key={stories[item.index].id}
            className="story-list__row"
            style={{ height: rowHeight, transform: `translateY(${item.start - scrollMargin}px)` }}
            onFocus={() => (focusedRow.current = item.index)}
            onBlur={onRowBlur}
          >
            <StoryCard story={stories[item.index]} position={item.index + 1} setSize={total ?? -1} />
          </div>
        ))}
      </div>
      <div className="story-list__footer">
        <p role="status">
          {total === undefined
            ? `Showing ${stories.length} stories so far`
            : `Showing ${stories.length} of ${total} ${total === 1 ? "story" : "stories"}`}
        </p>
        {isFetchNextPageError &&
          (online ? (
            <ErrorState what="more stories" onRetry={() => void fetchNextPage()} />
          ) : (
            <NotSavedOffline message="More stories aren’t saved for offline reading. Connect to the internet to load them." />
          ))}
        {hasNextPage && !isFetchNextPageError && (
          <button type="button" className="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more stories"}
          </button>
        )}
      </div>
    </>
  );
}
