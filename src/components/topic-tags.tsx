import { Link } from "react-router-dom";
import type { TopicRef } from "../contract/types.ts";
import { paths } from "../lib/paths.ts";

/** A story's topics, each a link to that topic's stories. */
export function TopicTags({ topics }: { topics: readonly TopicRef[] }) {
  if (topics.length === 0) return null;
  return (
    <ul className="tags" aria-label="Topics">
      {topics.map((topic) => (
        <li key={topic.slug}>
          <Link className="tag" to={paths.topic(topic.slug)}>
            {topic.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
