import { infiniteQueryOptions, QueryCache, queryOptions, QueryClient } from "@tanstack/react-query";
import { articleBucketOf, dataPaths } from "../contract/paths.ts";
import type { ArticleBucket, FeedPage, SiteIndex, TopicList } from "../contract/types.ts";
import { fetchData, isNotFound } from "./api.ts";

/**
 * One factory per resource. Every key but the index's carries the build id, so data
 * from two builds never meets in one view.
 */
export const queryKeys = {
  index: ["index"] as const,
  topics: (buildId: string) => ["topics", buildId] as const,
  feed: (buildId: string, topic: string | null) => ["feed", buildId, topic] as const,
  articleBucket: (buildId: string, bucket: number) => ["article-bucket", buildId, bucket] as const,
};

export const indexQuery = () =>
  queryOptions({
    queryKey: queryKeys.index,
    queryFn: ({ signal }) => fetchData<SiteIndex>(dataPaths.index, signal),
    staleTime: Infinity,
  });

export const topicsQuery = (buildId: string) =>
  queryOptions({
    queryKey: queryKeys.topics(buildId),
    queryFn: ({ signal }) => fetchData<TopicList>(dataPaths.topics(buildId), signal),
    staleTime: Infinity,
  });

/** The whole feed (`topic` null) or one topic's, a page at a time. */
export const feedQuery = (buildId: string, topic: string | null) =>
  infiniteQueryOptions({
    queryKey: queryKeys.feed(buildId, topic),
    queryFn: ({ pageParam, signal }) =>
      fetchData<FeedPage>(
        topic === null ? dataPaths.feedPage(buildId, pageParam) : dataPaths.topicPage(buildId, topic, pageParam),
        signal,
      ),
    initialPageParam: 1,
    getNextPageParam: (last: FeedPage) => (last.page < last.pageCount ? last.page + 1 : undefined),
    staleTime: Infinity,
  });

/** The group of articles that holds `id`; null when no build could have made that id. */
export const articleBucketQuery = (index: SiteIndex, id: string) => {
  const bucket = articleBucketOf(id, index.articleBucketBits) ?? -1;
  return queryOptions({
    queryKey: queryKeys.articleBucket(index.buildId, bucket),
    queryFn: ({ signal }) =>
      bucket < 0 ? null : fetchData<ArticleBucket>(dataPaths.articleBucket(index.buildId, bucket), signal),
    staleTime: Infinity,
  });
};

interface QueryClientOptions {
  /** Told of every missing data file: after a deploy, a whole build may have gone. */
  onNotFound?: () => void;
}

export function createQueryClient({ onNotFound }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error) => isNotFound(error) && onNotFound?.() }),
    defaultOptions: {
      queries: {
        // Offline, the service worker answers from its caches: always ask it, never wait for a network.
        networkMode: "always",
        // A missing file will not appear by asking again, nor will anything while offline.
        retry: (failures, error) => !isNotFound(error) && navigator.onLine && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
