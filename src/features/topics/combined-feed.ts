import { infiniteQueryOptions, type QueryClient } from "@tanstack/react-query";
import { compareStories, type SortOrder } from "../../contract/order.ts";
import { FEED_PAGE_SIZE, isTopicSlug } from "../../contract/paths.ts";
import type { SiteIndex, Summary } from "../../contract/types.ts";
import { listHeadQuery, storyAt as storyIn } from "../../lib/queries.ts";

/** Stories with any of the chosen topics, or only those with all of them. */
export type TopicMatch = "any" | "all";

export const TOPICS_PARAM = "topics";
export const MATCH_PARAM = "match";

/** `?topics=ai,climate&match=all` read leniently: unknown spellings are dropped, repeats count once. */
export function readTopicsParams(params: URLSearchParams): { slugs: string[]; match: TopicMatch } {
  const slugs = [...new Set((params.get(TOPICS_PARAM) ?? "").split(",").map((slug) => slug.trim()))].filter(isTopicSlug);
  return { slugs, match: params.get(MATCH_PARAM) === "all" ? "all" : "any" };
}

/** The address of a combination; the order of the topics is kept as the reader chose it. */
export function combinedSearch(slugs: readonly string[], match: TopicMatch): string {
  return `?${TOPICS_PARAM}=${slugs.map(encodeURIComponent).join(",")}${match === "all" ? `&${MATCH_PARAM}=all` : ""}`;
}

/** How far into each topic's list the combination has read. */
type Cursor = number[];

export interface CombinedPage {
  items: Summary[];
  next: Cursor | undefined;
}

interface CombinedOptions {
  index: SiteIndex;
  slugs: readonly string[];
  match: TopicMatch;
  sort: SortOrder;
}

/**
 * The chosen topics as one list, in the reader's order, a page of fifty at a time. Each
 * topic's pages are already in that order, so "any" merges them (a story in two topics
 * heads both lists at once and is taken once), and "all" walks the shortest list and keeps
 * the stories that carry every other topic too.
 */
export function combinedFeedQuery(queryClient: QueryClient, { index, slugs, match, sort }: CombinedOptions) {
  const compare = compareStories(sort);
  const headOf = (slug: string) => queryClient.fetchQuery(listHeadQuery(index, { topic: slug }, sort));
  /** The story at `position` in a topic's list; past its end, none (and no request for a page that is not there). */
  const storyAt = async (slug: string, position: number): Promise<Summary | undefined> => storyIn(queryClient, await headOf(slug), position);
  const heads = (cursor: Cursor) => Promise.all(slugs.map((slug, i) => storyAt(slug, cursor[i])));

  async function anyOf(start: Cursor): Promise<CombinedPage> {
    const cursor = [...start];
    const items: Summary[] = [];
    for (;;) {
      const next = await heads(cursor);
      let first: Summary | undefined;
      for (const story of next) if (story && (!first || compare(story, first) < 0)) first = story;
      if (!first) return { items, next: undefined };
      if (items.length === FEED_PAGE_SIZE) return { items, next: cursor };
      items.push(first);
      next.forEach((story, i) => {
        if (story?.id === first.id) cursor[i]++;
      });
    }
  }

  async function allOf(start: Cursor): Promise<CombinedPage> {
    // The shortest list bounds the walk: every story that matches is in it.
    const firsts = await Promise.all(slugs.map(headOf));
    const shortest = slugs[firsts.reduce((best, page, i) => (page.total < firsts[best].total ? i : best), 0)];
    let position = start[0];
    const items: Summary[] = [];
    for (;;) {
      const story = await storyAt(shortest, position);
      if (!story) return { items, next: undefined };
      if (items.length === FEED_PAGE_SIZE) return { items, next: [position] };
      position++;
      const tagged = new Set(story.topics.map((topic) => topic.slug));
      if (slugs.every((slug) => tagged.has(slug))) items.push(story);
    }
  }

  return infiniteQueryOptions({
    queryKey: ["combined-feed", index.buildId, slugs, match, sort] as const,
    queryFn: ({ pageParam }) => (match === "all" ? allOf(pageParam) : anyOf(pageParam)),
    initialPageParam: (match === "all" ? [0] : slugs.map(() => 0)) as Cursor,
    getNextPageParam: (last: CombinedPage) => last.next,
    staleTime: Infinity,
  });
}
