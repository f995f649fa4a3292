import { useParams } from "react-router-dom";
import { NotFound } from "../../components/view-states.tsx";
import { isTopicSlug } from "../../contract/paths.ts";
import { FollowList } from "../../features/following/follow-toggle.tsx";
import { CombineForm } from "../../features/topics/combine-form.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";
import { FeedSkeleton } from "./feed-route.tsx";
import { ListView } from "./list-view.tsx";

function TopicNotFound() {
  useDocumentTitle("Topic not found");
  return <NotFound title="Topic not found" message="No published story has this topic." />;
}

export function TopicRoute() {
  const { slug = "" } = useParams();
  // A slug is only ever letters, digits and hyphens: `../feed` must never reach a data path.
  if (!isTopicSlug(slug)) return <TopicNotFound />;
  return (
    <WithIndex loading={<FeedSkeleton />}>
      {(index) => (
        <ListView
          key={slug}
          index={index}
          source={{ topic: slug }}
          actions={<FollowList index={index} source={{ topic: slug }} />}
          feedTopic={slug}
          nameOf={(first) => first?.topic?.name ?? index.topTopics.find((topic) => topic.slug === slug)?.name}
          placeholder="Topic"
          label={(name) => `Stories about ${name}`}
          notFound={<TopicNotFound />}
          notSaved="This topic isn’t saved for offline reading. Connect to the internet to see its stories."
        >
          <CombineForm index={index} chosen={[slug]} match="any" />
        </ListView>
      )}
    </WithIndex>
  );
}
