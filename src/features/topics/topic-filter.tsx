import { useQueryClient } from "@tanstack/react-query";
import { useLayoutEffect, useRef, useSyncExternalStore } from "react";
import { NavLink } from "react-router-dom";
import type { SiteIndex, TopicRef } from "../../contract/types.ts";
import { paths } from "../../lib/paths.ts";
import { feedQuery } from "../../lib/queries.ts";
import { useSortOrder, withSort } from "../../lib/sort-order.ts";

const neverChanges = () => () => {};
/**
 * Whether this render is the app's own, not a page drawn at build time (nor the render that
 * hydrates one): the counts change with every new article, and a page that held them would
 * be drawn again, and uploaded again, on every update. They appear at the chips' end, so
 * nothing moves when they do (styles leave them out of a phone's row of chips).
 */
const useLive = () => useSyncExternalStore(neverChanges, () => true, () => false);

/**
 * The most used topics as filters; the chosen one lives in the URL. `current`, the topic
 * being read, comes first when it is not one of them, so it is always there and in view, marked.
 */
export function TopicFilter({ index, current }: { index: SiteIndex; current?: TopicRef }) {
  const { topTopics, totals } = index;
  const list = useRef<HTMLUListElement>(null);
  const live = useLive();
  // The chosen topic in view: the row of chips scrolls sideways on a phone, and a topic far
  // down it would otherwise be off screen with nothing in sight marked as chosen.
  const chosen = current?.slug;
  useLayoutEffect(() => {
    const row = list.current;
    const chip = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!row || !chip || row.scrollWidth <= row.clientWidth) return;
    const start = chip.offsetLeft - row.offsetLeft;
    if (start < row.scrollLeft || start + chip.offsetWidth > row.scrollLeft + row.clientWidth) row.scrollTo({ left: start - 16 });
  }, [chosen]);
  const topics: (TopicRef & { count?: number })[] = current && !topTopics.some((topic) => topic.slug === current.slug) ? [current, ...topTopics] : topTopics;
  const queryClient = useQueryClient();
  const sort = useSortOrder();
  // A topic's first page starts loading when the reader points at or focuses its chip.
  const prefetch = (slug: string) => () => void queryClient.prefetchInfiniteQuery(feedQuery(index, { topic: slug }, sort));
  return (
    <nav className="topic-filter" aria-label="Topics">
      <ul ref={list}>
        <li>
          <NavLink to={withSort(paths.home, sort)} end className="chip">
            All stories {live && <span className="chip__count">{totals.stories}</span>}
          </NavLink>
        </li>
        {topics.map((topic) => (
          <li key={topic.slug}>
            <NavLink
              to={withSort(paths.topic(topic.slug), sort)}
              className="chip"
              onMouseEnter={prefetch(topic.slug)}
              onFocus={prefetch(topic.slug)}
            >
              {topic.name} {live && topic.count !== undefined && <span className="chip__count">{topic.count}</span>}
            </NavLink>
          </li>
        ))}
        {totals.topics > topTopics.length && (
          <li>
            <NavLink to={paths.topics} end className="chip chip--more">
              All {totals.topics} topics
            </NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The filter bar's place, held while the topics load. */
export function TopicFilterSkeleton() {
  return <div className="topic-filter topic-filter--loading" aria-hidden="true" />;
}
