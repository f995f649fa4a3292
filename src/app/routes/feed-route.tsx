import { StoryList } from "../../features/feed/story-list.tsx";
import { MarkAllRead } from "../../features/library/mark-all-read.tsx";
import { TopicFilter, TopicFilterSkeleton } from "../../features/topics/topic-filter.tsx";
import { Skeleton } from "../../components/view-states.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

/** The filter bar and the first cards, as they will stand once loaded. */
export function FeedSkeleton() {
  return (
    <>
      <TopicFilterSkeleton />
      <Skeleton label="Loading stories…" lines={4} />
    </>
  );
}

export function FeedRoute() {
  useDocumentTitle("Latest stories");
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        Latest stories
      </h1>
      <MarkAllRead />
      <WithIndex loading={<FeedSkeleton />}>
        {(index) => (
          <>
            <TopicFilter index={index} />
            <StoryList buildId={index.buildId} topic={null} label="Latest stories" />
          </>
        )}
      </WithIndex>
    </>
  );
}
