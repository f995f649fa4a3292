import { useInfiniteQuery } from "@tanstack/react-query";
import { useParams } from "react-router-dom";
import { NotFound } from "../../components/view-states.tsx";
import { isTopicSlug } from "../../contract/paths.ts";
import type { SiteIndex } from "../../contract/types.ts";
import { StoryList } from "../../features/feed/story-list.tsx";
import { MarkAllRead } from "../../features/library/mark-all-read.tsx";
import { TopicFilter } from "../../features/topics/topic-filter.tsx";
import { isNotFound } from "../../lib/api.ts";
import { feedQuery } from "../../lib/queries.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { WithIndex } from "../with-index.tsx";
import { FeedSkeleton } from "./feed-route.tsx";

function TopicNotFound() {
  useDocumentTitle("Topic not found");
  return <NotFound title="Topic not found" message="No published story has this topic." />;
}

interface TopicProps {
  index: SiteIndex;
  slug: string;
}

function TopicFeed({ index, slug, name }: TopicProps & { name: string | undefined }) {
  useDocumentTitle(name);
  return (
    <>
      <h1 id="view-title" tabIndex={-1}>
        {name ?? "Topic"}
      </h1>
      <MarkAllRead />
      <TopicFilter index={index} />
      <StoryList buildId={index.buildId} topic={slug} label={name ? `Stories about ${name}` : "Stories"} />
    </>
  );
}

function TopicView({ index, slug }: TopicProps) {
  // The same query the list runs: the first page names the topic, even one outside the top list.
  const feed = useInfiniteQuery(feedQuery(index.buildId, slug));
  if (feed.isError && isNotFound(feed.error)) return <TopicNotFound />;
  const name = feed.data?.pages[0].topic?.name ?? index.topTopics.find((topic) => topic.slug === slug)?.name;
  return <TopicFeed index={index} slug={slug} name={name} />;
}

export function TopicRoute() {
  const { slug = "" } = useParams();
  // A slug is only ever letters, digits and hyphens: `../feed` must never reach a data path.
  if (!isTopicSlug(slug)) return <TopicNotFound />;
  return (
    <WithIndex loading={<FeedSkeleton />}>{(index) => <TopicView key={slug} index={index} slug={slug} />}</WithIndex>
  );
}
