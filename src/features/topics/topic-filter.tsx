import { NavLink } from "react-router-dom";
import type { Topic } from "../../contract/types.ts";
import { paths } from "../../lib/paths.ts";

interface TopicFilterProps {
  topics: readonly Topic[];
  totalStories: number;
  totalTopics: number;
}

/** The most used topics as filters; the chosen one lives in the URL. */
export function TopicFilter({ topics, totalStories, totalTopics }: TopicFilterProps) {
  return (
    <nav className="topic-filter" aria-label="Topics">
      <ul>
        <li>
          <NavLink to={paths.home} end className="chip">
            All stories <span className="chip__count">{totalStories}</span>
          </NavLink>
        </li>
        {topics.map((topic) => (
          <li key={topic.slug}>
            <NavLink to={paths.topic(topic.slug)} className="chip">
              {topic.name} <span className="chip__count">{topic.count}</span>
            </NavLink>
          </li>
        ))}
        {totalTopics > topics.length && (
          <li>
            <NavLink to={paths.topics} end className="chip chip--more">
              All {totalTopics} topics
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
