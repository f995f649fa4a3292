import { infiniteQueryOptions, type QueryClient } from "@tanstack/react-query";
import { compareStories, type SortOrder } from "../contract/order.ts";
import { FEED_PAGE_SIZE } from "../contract/data-layout.ts";
import { isTopicSlug } from "../contract/names.ts";
import type { SiteIndex, Summary } from "../contract/types.ts";
import { listHeadQuery, storyAt as storyIn, type FeedSource } from "./queries.ts";

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

/** How far into each list the combination has read. */
type Cursor = number[];

export interface CombinedPage {
  items: Summary[];
  next: Cursor | undefined;
}

/** Whether `story` belongs in `source`'s list. */
const isIn = (story: Summary, source: NonNullable<FeedSource>): boolean =>
  "topic" in source ? story.topics.some((topic) => topic.slug === source.topic) : story.providerKey === source.provider;

interface CombinedOptions {
  index: SiteIndex;
  /** Topics' and outlets' lists, in any mix. */
  sources: readonly NonNullable<FeedSource>[];
  match: TopicMatch;
  sort: SortOrder;
}

/**
 * Several topics' or outlets' lists as one, in the reader's order, a page at a time. Each
 * list's pages are already in that order, so "any" merges them (a story in two lists heads
 * both at once and is taken once), and "all" walks the shortest list and keeps the stories
 * that are in every other list too. The first page of "any" is merged from the lists' heads
 * alone, as one list's first page is its head: a first visit reads nothing else, and a
 * device that saved the heads shows it offline. Later pages hold fifty.
 */
export function combinedFeedQuery(queryClient: QueryClient, { index, sources, match, sort }: CombinedOptions) {
  const compare = compareStories(sort);
  const headOf = (source: NonNullable<FeedSource>) => queryClient.fetchQuery(listHeadQuery(index, source, sort));
  /** The story at `position` in a list; past its end, none (and no request for a page that is not there). */
  const storyAt = async (source: NonNullable<FeedSource>, position: number): Promise<Summary | undefined> => storyIn(queryClient, await headOf(source), position);
  const heads = (cursor: Cursor) => Promise.all(sources.map((source, i) => storyAt(source, cursor[i])));

  async function anyOf(start: Cursor): Promise<CombinedPage> {
    const firstPage = start.every((position) => position === 0);
    const lists = firstPage ? await Promise.all(sources.map(headOf)) : [];
    /** On the first page, whether a list's next story lies past its head. */
    const pastHead = (cursor: Cursor) => lists.some((head, i) => cursor[i] >= head.items.length && cursor[i] < head.total);
    const cursor = [...start];
    const items: Summary[] = [];
    for (;;) {
      if (firstPage && items.length > 0 && pastHead(cursor)) return { items, next: cursor };
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
    const firsts = await Promise.all(sources.map(headOf));
    const shortest = sources[firsts.reduce((best, page, i) => (page.total < firsts[best].total ? i : best), 0)];
    let position = start[0];
    const items: Summary[] = [];
    for (;;) {
      const story = await storyAt(shortest, position);
      if (!story) return { items, next: undefined };
      if (items.length === FEED_PAGE_SIZE) return { items, next: [position] };
      position++;
      if (sources.every((source) => isIn(story, source))) items.push(story);
    }
  }

  return infiniteQueryOptions({
    queryKey: ["combined-feed", index.buildId, sources, match, sort] as const,
    queryFn: ({ pageParam }) => (match === "all" ? allOf(pageParam) : anyOf(pageParam)),
    initialPageParam: (match === "all" ? [0] : sources.map(() => 0)) as Cursor,
    getNextPageParam: (last: CombinedPage) => last.next,
    staleTime: Infinity,
  });
}
