/**
 * What each kind of prerendered page reads first: the home page and a topic's page their
 * list in the Latest order, an article's page its bucket. The build asks for it
 * before a page's first render (a render saved per page), and the offline save asks for it
 * again: a visit to a prerendered page fetched none of it.
 */
import type { QueryClient } from "@tanstack/react-query";
import { pagePaths } from "../contract/pages.ts";
import type { SiteIndex } from "../contract/types.ts";
import { articleBucketQuery, feedQuery } from "../lib/queries.ts";

const ARTICLE_PAGE = pagePaths.article("");
const TOPIC_PAGE = pagePaths.topic("");

/** Asks `client` for what the page at the app's `path` reads first, as its route does when it mounts; never fails. */
export function routeData(client: QueryClient, index: SiteIndex, path: string): Promise<void> {
  if (path.startsWith(ARTICLE_PAGE)) return client.prefetchQuery(articleBucketQuery(index, decodeURIComponent(path.slice(ARTICLE_PAGE.length))));
  const source = path.startsWith(TOPIC_PAGE) ? { topic: decodeURIComponent(path.slice(TOPIC_PAGE.length)) } : null;
  return client.prefetchInfiniteQuery(feedQuery(index, source, "latest"));
}
