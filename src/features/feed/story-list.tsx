import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { Fragment, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ErrorState, NotSavedOffline, Skeleton } from "../../components/view-states.tsx";
import { LIST_HEAD_SIZE } from "../../contract/data-layout.ts";
import { plural } from "../../contract/text.ts";
import type { Summary } from "../../contract/types.ts";
import { useClock } from "../../lib/use-clock.ts";
import { useLayoutChange } from "../../lib/use-layout-change.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { useListStyle } from "./list-style.ts";
import { StoryCard } from "./story-card.tsx";
import { dayRows, DayHeading, estimatedHeight } from "./story-rows.tsx";

/** What the list needs of a page: its stories, and how many the whole list has when that is known. */
export interface StoryPage {
  items: Summary[];
  total?: number;
}

interface StoryListProps {
  /** The list's pages, as the view's query loads them. */
  feed: UseInfiniteQueryResult<InfiniteData<StoryPage, unknown>>;
  label: string;
  /** What an empty list says: a sentence, or a sentence and what to do next. */
  empty?: ReactNode;
  /** What the list says offline when its first page was never saved on this device. */
  notSaved?: string;
  /** Newest first: a heading for each day ("Today", "Yesterday", "Monday 30 November"), then each month. */
  byDay?: boolean;
  /** Draws a card's text: with a search's words marked, say. */
  mark?: (text: string) => ReactNode;
}

/**
 * The list's head (the first screen: a data file's first page, and what a prerendered page
 * holds) in normal flow, as CSS lays it out at any width: the HTML and the first client
 * render are the same, and nothing moves when the script arrives. The rest is virtual
 * (virtual-rows.tsx): rows of as many cards as the head's grid has columns.
 */
const HEAD = LIST_HEAD_SIZE;

const loadVirtualRows = () => import("./virtual-rows.tsx");
const VirtualRows = lazy(async () => ({ default: (await loadVirtualRows()).VirtualRows }));

/** How many columns the head's grid has at this width, as styles.css decides it. */
const columnsOf = (grid: HTMLElement | null) =>
  grid ? Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(" ").filter(Boolean).length) : 1;

/**
 * Stories in the list's order, a page at a time: the first story as the lead, then a grid
 * of cards (or, in the Headlines view, a line each). Only the rows near the viewport are in
 * the DOM past the first screen, so a reader can scroll through thousands of stories.
 */
export function StoryList({
  feed,
  label,
  empty = "No stories yet.",
  notSaved = "These stories aren’t saved for offline reading. Connect to the internet to see them.",
  byDay = false,
  mark,
}: StoryListProps) {
  const online = useOnlineStatus();
  const clock = useClock();
  const style = useListStyle();
  const stories = useMemo(() => feed.data?.pages.flatMap((page) => page.items) ?? [], [feed.data]);
  // A list merged from several lists learns its length only at its end.
  const total = feed.data?.pages[0].total ?? (feed.hasNextPage ? undefined : stories.length);
  const setSize = total ?? -1;

  const headRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(1);
  // The grid's columns follow the page's layout: the width, the view, the text size. Only the
  // rows past the head need them: a first screen is never made to lay itself out for them.
  const measureColumns = useCallback(() => setColumns(columnsOf(headRef.current)), []);
  useLayoutChange(measureColumns, style, stories.length > HEAD);

  const { headRows, rows } = useMemo(() => {
    const top = dayRows(stories.slice(0, HEAD), 0, byDay, clock, undefined, HEAD);
    return { headRows: top.rows, rows: dayRows(stories.slice(HEAD), HEAD, byDay, clock, top.day, columns).rows };
  }, [stories, byDay, clock, columns]);

  // Near the list's end (a screen away), the next page loads; after a failure, only Retry asks again.
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = feed;
  const end = useRef<HTMLDivElement>(null);
  const [nearEnd, setNearEnd] = useState(false);
  useEffect(() => {
    const target = end.current;
    if (!target || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(([entry]) => setNearEnd(entry.isIntersecting), { rootMargin: "0px 0px 100% 0px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [feed.isSuccess]);
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);
  // The rows' code arrives with the next page, not after it.
  useEffect(() => {
    if (nearEnd && hasNextPage) void loadVirtualRows();
  }, [nearEnd, hasNextPage]);

  if (feed.isPending) return <Skeleton label={`Loading ${label}…`} lines={4} />;
  if (feed.isError && stories.length === 0 && !online) return <NotSavedOffline message={notSaved} />;
  if (feed.isError && stories.length === 0) return <ErrorState what={label} onRetry={() => void feed.refetch()} />;
  if (total === 0) return <div className="empty">{empty}</div>;

  const card = (story: Summary, position: number) => (
    <StoryCard key={story.id} story={story} position={position + 1} setSize={setSize} lead={position === 0} mark={mark} />
  );
  return (
    <>
      <div role="feed" aria-label={label} aria-busy={isFetchingNextPage} className="story-list">
        <div ref={headRef} className="story-grid">
          {headRows.map((row) =>
            row.kind === "day" ? (
              <DayHeading key={row.key} label={row.label} />
            ) : (
              <Fragment key={row.key}>{row.stories.map((story, offset) => card(story, row.first + offset))}</Fragment>
            ),
          )}
        </div>
        {/* Until its code is in, the space below the head is what the rows are first estimated at. */}
        <Suspense fallback={<div className="story-list__rest" style={{ height: rows.reduce((sum, row) => sum + estimatedHeight(row, style), 0) }} />}>
          {rows.length > 0 && <VirtualRows rows={rows} label={label} style={style} columns={columns} card={card} />}
        </Suspense>
      </div>
      <div ref={end} className="story-list__footer">
        <p role="status">
          {total === undefined
            ? `Showing ${stories.length} stories so far`
            : `Showing ${stories.length} of ${total} ${plural(total, "story", "stories")}`}
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
