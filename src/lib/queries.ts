import { infiniteQueryOptions, QueryCache, queryOptions, QueryClient } from "@tanstack/react-query";
import type { SortOrder } from "../contract/order.ts";
import { articleBucketOf, dataPaths } from "../contract/paths.ts";
import type { ArticleBucket, FeedPage, SiteIndex, Summary, TopicList } from "../contract/types.ts";
import { fetchData, isNotFound } from "./api.ts";

/**
 * One factory per resource. Every key but the index's carries the build id, so data
 * from two builds never meets in one view.
 */
export const queryKeys = {
  index: ["index"] as const,
  topics: (buildId: string) => ["topics", buildId] as const,
  feed: (buildId: string, source: FeedSource, sort: SortOrder) => ["feed", buildId, source, sort] as const,
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

/** A list of stories the data has pages for: every story, one topic's, or one outlet's. */
export type FeedSource = { topic: string } | { provider: string } | null;

const pagePath = (buildId: string, source: FeedSource, sort: SortOrder, page: number) => {
  if (source === null) return dataPaths.feedPage(buildId, page, sort);
  if ("topic" in source) return dataPaths.topicPage(buildId, source.topic, page, sort);
  return dataPaths.providerPage(buildId, source.provider, page, sort);
};

/**
 * One page of one list in one order, cached on its own: what the merged topics view and
 * search read, a page here and a page there, rather than a list from its start.
 */
export const feedPageQuery = (buildId: string, source: FeedSource, sort: SortOrder, page: number) =>
  queryOptions({
    queryKey: ["feed-page", buildId, source, sort, page] as const,
    queryFn: ({ signal }) => fetchData<FeedPage>(pagePath(buildId, source, sort, page), signal),
    staleTime: Infinity,
  });

/** One list in one order, a page at a time. */
export const feedQuery = (buildId: string, source: FeedSource, sort: SortOrder = "latest") =>
  infiniteQueryOptions({
    queryKey: queryKeys.feed(buildId, source, sort),
    queryFn: ({ pageParam, signal }) => fetchData<FeedPage>(pagePath(buildId, source, sort, pageParam), signal),
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

/** A story's summary from any list this visit has loaded (a feed, a topic, search results), when one holds it. */
export function cachedSummary(queryClient: QueryClient, id: string): Summary | undefined {
  const lists = queryClient.getQueriesData<{ pages?: unknown[]; items?: unknown }>({
    predicate: ({ queryKey }) => queryKey[0] === "feed" || queryKey[0] === "feed-page",
  });
  for (const [, data] of lists) {
    for (const page of data?.pages ?? [data]) {
      const items = (page as { items?: unknown } | undefined)?.items;
      const found = Array.isArray(items) ? (items as Summary[]).find((story) => story?.id === id) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

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
