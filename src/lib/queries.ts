import { infiniteQueryOptions, QueryCache, queryOptions, QueryClient } from "@tanstack/react-query";
import type { SortOrder } from "../contract/order.ts";
import { articleBucketOf, bucketTableSlot } from "../contract/buckets.ts";
import { dataPaths, FEED_PAGE_SIZE, type ShardKind } from "../contract/data-layout.ts";
import type {
  ArticleBucket,
  BucketTable,
  ListHead,
  ListPage,
  PageTable,
  OutletCatalog,
  OutletInfo,
  ShardName,
  SiteIndex,
  Summary,
  Topic,
  TopicCatalog,
} from "../contract/types.ts";
import { fetchData, isNotFound, NotFoundError } from "./api.ts";

/**
 * One factory per resource. Every data file but the index is named by its content, so a
 * file's query, once answered, holds for good; lists are keyed by the build id, so data
 * from two builds never meets in one view.
 */
export const queryKeys = {
  index: ["index"] as const,
  feed: (buildId: string, source: FeedSource, sort: SortOrder) => ["feed", buildId, source, sort] as const,
  articleBucket: (buildId: string, bucket: number) => ["article-bucket", buildId, bucket] as const,
};

export const indexQuery = () =>
  queryOptions({
    queryKey: queryKeys.index,
    queryFn: ({ signal }) => fetchData<SiteIndex>(dataPaths.index, signal),
    staleTime: Infinity,
  });

/** One data file: its name is its content, so it never needs asking for again. */
const shardQuery = <T>(kind: ShardKind, name: ShardName) =>
  queryOptions({
    queryKey: ["data", kind, name] as const,
    queryFn: ({ signal }) => fetchData<T>(dataPaths.shard(kind, name), signal),
    staleTime: Infinity,
  });

/** Every topic, with its number of stories. */
export const topicsQuery = (index: SiteIndex) => shardQuery<TopicCatalog>("catalogs", index.topics);

/** A list of stories the data has pages for: every story, one topic's, or one outlet's. */
export type FeedSource = { topic: string } | { provider: string } | null;

/** The name of a list's Latest head; a list the data does not have is not found. */
async function latestHeadName(client: QueryClient, index: SiteIndex, source: FeedSource): Promise<ShardName> {
  if (source === null) return index.feed;
  let name: ShardName | undefined;
  if ("topic" in source) {
    name =
      index.topTopics.find((topic) => topic.slug === source.topic)?.list ??
      (await client.fetchQuery(topicsQuery(index))).topics.find((topic) => topic.slug === source.topic)?.list;
  } else {
    const catalog = await client.fetchQuery(shardQuery<OutletCatalog>("catalogs", index.providers));
    name = catalog.providers.find((outlet) => outlet.key === source.provider)?.list;
  }
  if (name === undefined) throw new NotFoundError("topic" in source ? `topic ${source.topic}` : `outlet ${source.provider}`);
  return name;
}

/** The first page of a list in one order: the Latest head names the others. */
async function listHead(client: QueryClient, index: SiteIndex, source: FeedSource, sort: SortOrder): Promise<ListHead> {
  const latest = await client.fetchQuery(shardQuery<ListHead>("lists", await latestHeadName(client, index, source)));
  if (sort === "latest" || !latest.orders) return latest;
  return client.fetchQuery(shardQuery<ListHead>("lists", latest.orders[sort]));
}

/** A list's first page in one order, which says what the list is (its topic or outlet) and how long. */
export const listHeadQuery = (index: SiteIndex, source: FeedSource, sort: SortOrder) =>
  queryOptions({
    queryKey: ["list-head", index.buildId, source, sort] as const,
    queryFn: ({ client }) => listHead(client, index, source, sort),
    staleTime: Infinity,
  });

/** Up to `count` of a list's stories from `position` on, read from the head and then the pages that hold them. */
async function storiesFrom(client: QueryClient, head: ListHead, position: number, count: number): Promise<Summary[]> {
  const items = head.items.slice(position, position + count);
  if (items.length === count || head.pages === null || position + items.length >= head.total) return items;
  const table = await client.fetchQuery(shardQuery<PageTable>("tables", head.pages));
  let start = 0;
  for (const [i, name] of table.pages.entries()) {
    const size = table.counts[i] ?? 0;
    const from = position + items.length;
    if (from < start + size) {
      const page = await client.fetchQuery(shardQuery<ListPage>("pages", name));
      items.push(...page.items.slice(from - start, from - start + count - items.length));
      if (items.length === count) break;
    }
    start += size;
  }
  return items;
}

/** The story at `position` in a list (read from its pages as they are needed); past its end, none. */
export async function storyAt(client: QueryClient, head: ListHead, position: number): Promise<Summary | undefined> {
  return (await storiesFrom(client, head, position, 1))[0];
}

/** A run of a list's stories, as a view reads them a page at a time. */
export interface FeedPage {
  /** Stories in the whole list. */
  total: number;
  items: Summary[];
  topic?: Topic;
  provider?: OutletInfo;
  /** Where the next run starts; none at the end. */
  next?: number;
}

/** One list in one order, a page at a time. */
export const feedQuery = (index: SiteIndex, source: FeedSource, sort: SortOrder = "latest") =>
  infiniteQueryOptions({
    queryKey: queryKeys.feed(index.buildId, source, sort),
    queryFn: async ({ pageParam, client }): Promise<FeedPage> => {
      const head = await client.fetchQuery(listHeadQuery(index, source, sort));
      // The head first, alone (a first visit reads nothing else), then fifty at a time from the pages.
      const items = pageParam === 0 ? head.items : await storiesFrom(client, head, pageParam, FEED_PAGE_SIZE);
      const end = pageParam + items.length;
      return { total: head.total, items, topic: head.topic, provider: head.provider, next: end < head.total && items.length > 0 ? end : undefined };
    },
    initialPageParam: 0,
    getNextPageParam: (last: FeedPage) => last.next,
    staleTime: Infinity,
  });

/** The bucket that holds `id`, found through its bucket table; null when no build could have made that id. */
export const articleBucketQuery = (index: SiteIndex, id: string) => {
  const { bits, tables } = index.articles;
  const bucket = articleBucketOf(id, bits) ?? -1;
  return queryOptions({
    queryKey: queryKeys.articleBucket(index.buildId, bucket),
    queryFn: async ({ client }) => {
      if (bucket < 0) return null;
      const { table, slot } = bucketTableSlot(bucket, bits);
      const name = (await client.fetchQuery(shardQuery<BucketTable>("tables", tables[table]))).groups[slot];
      return client.fetchQuery(shardQuery<ArticleBucket>("articles", name));
    },
    staleTime: Infinity,
  });
};

/** A story's summary from any list this visit has loaded (a feed, a topic, search results), when one holds it. */
export function cachedSummary(queryClient: QueryClient, id: string): Summary | undefined {
  const lists = queryClient.getQueriesData<{ pages?: unknown[]; items?: unknown }>({
    // Lists, their pages, and search's summary blocks all hold summaries as `items`.
    predicate: ({ queryKey }) => queryKey[0] === "feed" || (queryKey[0] === "data" && ["lists", "pages", "search"].includes(queryKey[1] as string)),
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
