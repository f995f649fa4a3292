import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { defaultRangeExtractor, useWindowVirtualizer, type Range, type VirtualItem } from "@tanstack/react-virtual";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type ReactNode } from "react";
import { ErrorState, NotSavedOffline, Skeleton } from "../../components/view-states.tsx";
import { LIST_HEAD_SIZE } from "../../contract/paths.ts";
import type { Summary } from "../../contract/types.ts";
import { dateGroup, type Clock } from "../../lib/format.ts";
import { useClock } from "../../lib/use-clock.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";
import { useListStyle } from "./list-style.ts";
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
  /** What an empty list says: a sentence, or a sentence and what to do next. */
  empty?: ReactNode;
  /** What the list says offline when its first page was never saved on this device. */
  notSaved?: string;
  /** Newest first: a heading for each day ("Today", "Yesterday", "Monday 30 November"), then each month. */
  byDay?: boolean;
  /** Draws a card's text: with a search's words marked, say. */
  mark?: (text: string) => ReactNode;
}

/** A day's heading, or a run of cards side by side. */
type Row = { kind: "day"; key: string; label: string } | { kind: "cards"; key: string; first: number; stories: Summary[] };

/**
 * The list's head (the first screen: a data file's first page, and what a prerendered page
 * holds) in normal flow, as CSS lays it out at any width: the HTML and the first client
 * render are the same, and nothing moves when the script arrives. The rest is virtual:
 * rows of as many cards as the head's grid has columns, each measured once drawn.
 */
const HEAD = LIST_HEAD_SIZE;

const ESTIMATE = { day: 48, cards: 220, headlines: 64 };

/** Where each list's rows were measured, so coming back lands on the same story. */
const measured = new Map<string, VirtualItem[]>();

function dayRows(stories: readonly Summary[], from: number, byDay: boolean, clock: Clock, previousDay: string | undefined, columns: number) {
  const rows: Row[] = [];
  let day = previousDay;
  let run: Summary[] = [];
  let first = from;
  const flush = () => {
    if (run.length > 0) rows.push({ kind: "cards", key: `cards-${run[0].id}`, first, stories: run });
    run = [];
  };
  stories.forEach((story, offset) => {
    const position = from + offset;
    if (byDay) {
      const group = dateGroup(story.publishedAt, clock);
      if (group.key !== day) {
        flush();
        rows.push({ kind: "day", key: `day-${group.key}`, label: group.label });
        day = group.key;
      }
    }
    if (run.length === columns) flush();
    if (run.length === 0) first = position;
    run.push(story);
  });
  flush();
  return { rows, day };
}

/**
 * A day's heading is for the eye: a feed may own only its articles, and every story's time
 * already says its date in words to a screen reader.
 */
const DayHeading = ({ label }: { label: string }) => (
  <div className="day-heading" aria-hidden="true">
    {label}
  </div>
);

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
  const restRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(1);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The grid's columns and the virtual rows' place follow the page's layout: the width, the
  // view, the text size, whatever above the list grows.
  // Also on every scroll the virtualizer sees: a margin left stale by a change no observer
  // caught would leave the rows in view undrawn, and one read of a laid-out box is cheap.
  const followMargin = useCallback(() => {
    const rest = restRef.current;
    if (rest) setScrollMargin(rest.getBoundingClientRect().top + window.scrollY);
  }, []);
  useLayoutEffect(() => {
    const update = () => {
      setColumns(columnsOf(headRef.current));
      followMargin();
    };
    update();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(update);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [feed.isSuccess, style, followMargin]);

  const { headRows, rows } = useMemo(() => {
    const top = dayRows(stories.slice(0, HEAD), 0, byDay, clock, undefined, HEAD);
    return { headRows: top.rows, rows: dayRows(stories.slice(HEAD), HEAD, byDay, clock, top.day, columns).rows };
  }, [stories, byDay, clock, columns]);

  // The row holding focus stays in the DOM when scrolled away, so keyboard focus is never lost.
  const focusedRow = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const shown = defaultRangeExtractor(range);
    const focused = focusedRow.current;
    return focused === null || focused >= range.count || shown.includes(focused) ? shown : [...shown, focused].sort((a, b) => a - b);
  }, []);
  const onRowBlur = (event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) focusedRow.current = null;
  };

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index].kind === "day" ? ESTIMATE.day : ESTIMATE[style]),
    getItemKey: (index) => rows[index].key,
    overscan: 3,
    scrollMargin,
    rangeExtractor,
    initialMeasurementsCache: measured.get(label),
    onChange: followMargin,
    // React batches the list's updates with everything else; a synchronous render per scroll
    // event made long tasks of the first screen.
    useFlushSync: false,
  });
  useEffect(() => () => void measured.set(label, virtualizer.measurementsCache), [label, virtualizer]);
  useEffect(() => virtualizer.measure(), [virtualizer, style, columns]);
  const items = virtualizer.getVirtualItems();

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
        <div ref={restRef} className="story-list__rest" style={{ height: rows.length > 0 ? virtualizer.getTotalSize() : 0 }}>
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={row.kind === "day" ? "story-list__row" : "story-list__row story-grid"}
                style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
                onFocus={() => (focusedRow.current = item.index)}
                onBlur={onRowBlur}
              >
                {row.kind === "day" ? <DayHeading label={row.label} /> : row.stories.map((story, offset) => card(story, row.first + offset))}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={end} className="story-list__footer">
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
