import { useInfiniteQuery } from "@tanstack/react-query";
import { useWindowVirtualizer, type VirtualItem } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { ErrorState, Skeleton } from "../../components/view-states.tsx";
import { feedQuery } from "../../lib/queries.ts";
import { StoryCard } from "./story-card.tsx";

interface StoryListProps {
  buildId: string;
  /** A topic's slug, or null for every story. */
  topic: string | null;
  label: string;
}

/** Card heights measured on screen, kept so a reader coming back lands where they left. */
const measured = new Map<string, VirtualItem[]>();
const ESTIMATED_HEIGHT = 180;

/**
 * Stories newest first, a page at a time. Only the cards near the viewport are in the
 * DOM, so a reader can scroll through thousands of stories without the page slowing.
 */
export function StoryList({ buildId, topic, label }: StoryListProps) {
  const feed = useInfiniteQuery(feedQuery(buildId, topic));
  const stories = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const total = feed.data?.pages[0].total ?? 0;
  const cacheKey = `${buildId}:${topic ?? ""}`;

  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, [feed.isSuccess]);

  const virtualizer = useWindowVirtualizer({
    count: stories.length,
    estimateSize: () => ESTIMATED_HEIGHT,
    overscan: 6,
    scrollMargin,
    initialMeasurementsCache: measured.get(cacheKey),
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => () => void measured.set(cacheKey, virtualizer.measurementsCache), [cacheKey, virtualizer]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;
  const lastShown = items.length > 0 ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= stories.length - 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastShown, stories.length]);

  if (feed.isPending) return <Skeleton label={`Loading ${label}…`} lines={6} />;
  if (feed.isError && stories.length === 0) return <ErrorState what={label} onRetry={() => void feed.refetch()} />;
  if (total === 0) return <p className="empty">No stories yet.</p>;

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
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="story-list__row"
            style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
          >
            <StoryCard story={stories[item.index]} position={item.index + 1} setSize={total} />
          </div>
        ))}
      </div>
      <div className="story-list__footer">
        <p role="status">
          Showing {stories.length} of {total} {total === 1 ? "story" : "stories"}
        </p>
        {feed.isFetchNextPageError && <ErrorState what="more stories" onRetry={() => void fetchNextPage()} />}
        {hasNextPage && !feed.isFetchNextPageError && (
          <button type="button" className="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more stories"}
          </button>
        )}
      </div>
    </>
  );
}
