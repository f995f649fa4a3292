import { StoryList } from "../../features/feed/story-list.tsx";
import { TopicFilter } from "../../features/topics/topic-filter.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

export function FeedRoute() {
  useDocumentTitle("Latest stories");
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        Latest stories
      </h1>
      <WithIndex>
        {(index) => (
          <>
            <TopicFilter topics={index.topTopics} totalStories={index.totals.articles} totalTopics={index.totals.topics} />
            <StoryList buildId={index.buildId} topic={null} label="Latest stories" />
          </>
        )}
      </WithIndex>
    </>
  );
}
