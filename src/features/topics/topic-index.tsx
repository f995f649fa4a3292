import { useQuery } from "@tanstack/react-query";
import { plural } from "../../contract/text.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { Link } from "react-router-dom";
import { ErrorState, NotSavedOffline, Skeleton } from "../../components/view-states.tsx";
import { paths } from "../../lib/paths.ts";
import { topicsQuery } from "../../lib/queries.ts";
import { useOnlineStatus } from "../../lib/use-online-status.ts";

/** Every topic with its number of stories, most covered first. */
export function TopicIndex({ index }: { index: SiteIndex }) {
  const topics = useQuery(topicsQuery(index));
  const online = useOnlineStatus();
  if (topics.isPending) return <Skeleton label="Loading topics…" />;
  if (topics.isError && !online) {
    return <NotSavedOffline message="The list of topics isn’t saved for offline reading. Connect to the internet to see it." />;
  }
  if (topics.isError) return <ErrorState what="the topics" onRetry={() => void topics.refetch()} />;
  return (
    <ul className="topic-index">
      {topics.data.topics.map((topic) => (
        <li key={topic.slug}>
          <Link to={paths.topic(topic.slug)}>{topic.name}</Link>{" "}
          <span className="chip__count">
            {topic.count} {plural(topic.count, "story", "stories")}
          </span>
        </li>
      ))}
    </ul>
  );
}
