import { Navigate, useSearchParams } from "react-router-dom";
import { Skeleton } from "../../components/view-states.tsx";
import { FeedList } from "../../features/feed/feed-list.tsx";
import { SORT_LABELS, useSortOrder, withSort } from "../../lib/sort-order.ts";
import { readTopicsParams } from "../../lib/combined-feed.ts";
import { TopicFilterSkeleton } from "../../features/topics/topic-filter.tsx";
import { paths } from "../../lib/paths.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";
import { CombinedTopics } from "./combined-route.tsx";
import { ListFrame } from "./list-frame.tsx";

/** The filter bar and the first cards, as they will stand once loaded. */
export function FeedSkeleton() {
  return (
    <>
      <TopicFilterSkeleton />
      <Skeleton label="Loading stories…" lines={4} />
    </>
  );
}

function AllStories() {
  const sort = useSortOrder();
  const title = `${SORT_LABELS[sort].name} stories`;
  useDocumentTitle(title);
  return (
    <ListFrame title={title}>
      <WithIndex loading={<Skeleton label="Loading stories…" lines={4} />}>
        {(index) => <FeedList index={index} source={null} sort={sort} label={title} />}
      </WithIndex>
    </ListFrame>
  );
}

/** Every story; with `?topics=a,b`, the stories of several topics at once. */
export function FeedRoute() {
  const [params] = useSearchParams();
  const sort = useSortOrder();
  const { slugs, match } = readTopicsParams(params);
  // One topic has a page of its own.
  if (slugs.length === 1) return <Navigate replace to={withSort(paths.topic(slugs[0]), sort)} />;
  if (slugs.length > 1) {
    return <WithIndex loading={<FeedSkeleton />}>{(index) => <CombinedTopics index={index} slugs={slugs} match={match} sort={sort} />}</WithIndex>;
  }
  return <AllStories />;
}
