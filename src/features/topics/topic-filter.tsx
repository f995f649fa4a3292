import { useQueryClient } from "@tanstack/react-query";
import { NavLink } from "react-router-dom";
import type { SiteIndex } from "../../contract/types.ts";
import { paths } from "../../lib/paths.ts";
import { feedQuery } from "../../lib/queries.ts";
import { useSortOrder, withSort } from "../sort/sort-order.ts";

/** The most used topics as filters; the chosen one lives in the URL. */
export function TopicFilter({ index }: { index: SiteIndex }) {
  const { topTopics: topics, totals } = index;
  const queryClient = useQueryClient();
  const sort = useSortOrder();
  // A topic's first page starts loading when the reader points at or focuses its chip.
  const prefetch = (slug: string) => () => void queryClient.prefetchInfiniteQuery(feedQuery(index, { topic: slug }, sort));
  return (
    <nav className="topic-filter" aria-label="Topics">
      <ul>
        <li>
          <NavLink to={withSort(paths.home, sort)} end className="chip">
            All stories <span className="chip__count">{totals.stories}</span>
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
              {topic.name} <span className="chip__count">{topic.count}</span>
            </NavLink>
          </li>
        ))}
        {totals.topics > topics.length && (
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
