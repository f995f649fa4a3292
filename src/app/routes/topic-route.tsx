import { useInfiniteQuery } from "@tanstack/react-query";
import { useParams } from "react-router-dom";
import { NotFound } from "../../components/view-states.tsx";
import type { SiteIndex } from "../../contract/types.ts";
import { StoryList } from "../../features/feed/story-list.tsx";
import { TopicFilter } from "../../features/topics/topic-filter.tsx";
import { isNotFound } from "../../lib/api.ts";
import { feedQuery } from "../../lib/queries.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";

function TopicFeed({ index, slug }: { index: SiteIndex; slug: string }) {
  // The same query the list runs: the first page names the topic, even one outside the top list.
  const feed = useInfiniteQuery(feedQuery(index.buildId, slug));
  const name = feed.data?.pages[0].topic?.name ?? index.topTopics.find((topic) => topic.slug === slug)?.name;
  useDocumentTitle(feed.isError && isNotFound(feed.error) ? "Topic not found" : name);
  if (feed.isError && isNotFound(feed.error)) {
    return <NotFound title="Topic not found" message="No published story has this topic." />;
  }
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        {name ?? "Topic"}
      </h1>
      <TopicFilter topics={index.topTopics} totalStories={index.totals.articles} totalTopics={index.totals.topics} />
      <StoryList buildId={index.buildId} topic={slug} label={name ? `Stories about ${name}` : "Stories"} />
    </>
  );
}

export function TopicRoute() {
  const { slug = "" } = useParams();
  return <WithIndex>{(index) => <TopicFeed key={slug} index={index} slug={slug} />}</WithIndex>;
}
