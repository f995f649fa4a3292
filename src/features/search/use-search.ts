import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { FEED_PAGE_SIZE } from "../../contract/paths.ts";
import type { Summary } from "../../contract/types.ts";
import { feedPageQuery } from "../../lib/queries.ts";
import {
  feedPageOf,
  orderMatches,
  queryWords,
  RESULTS_PER_PAGE,
  searchMatchesQuery,
  searchRanksQuery,
  type SearchOrder,
} from "./search-queries.ts";

/**
 * The matches for `query` (all of them, counted and ranked) and the stories of the first
 * `shown`, read from the Latest feed pages that hold them. Stories come in rank order as
 * their pages arrive, up to the first one still on its way: nothing shown ever moves.
 */
export function useSearch(buildId: string, query: string, order: SearchOrder = "best") {
  const words = useMemo(() => queryWords(query), [query]);
  const [shown, setShown] = useState(RESULTS_PER_PAGE);
  const matches = useQuery({ ...searchMatchesQuery(buildId, words), enabled: words.length > 0 });
  const ranked = order === "hot" || order === "top";
  const ranks = useQuery({ ...searchRanksQuery(buildId, order === "top" ? "top" : "hot"), enabled: ranked && words.length > 0 });
  const ordered = useMemo(
    () => (matches.data ? orderMatches(matches.data.matches, order, ranks.data) : []),
    [matches.data, order, ranks.data],
  );
  const numbers = ordered.slice(0, shown);
  const pageNumbers = [...new Set(numbers.map(feedPageOf))];
  const pages = useQueries({ queries: pageNumbers.map((page) => feedPageQuery(buildId, null, "latest", page)) });

  const loaded = new Map(pageNumbers.map((page, i) => [page, pages[i].data]));
  const stories: Summary[] = [];
  for (const number of numbers) {
    const page = loaded.get(feedPageOf(number));
    if (!page) break;
    stories.push(page.items[number % FEED_PAGE_SIZE]);
  }
  return {
    words,
    matches,
    stories,
    /** A feed page (or the ranks of the chosen order) that could not be fetched, to try again. */
    failedPage: pages.find((page) => page.isError) ?? (ranks.isError ? ranks : undefined),
    loadingMore: stories.length < numbers.length || (ranked && ranks.isPending),
    hasMore: (matches.data?.matches.length ?? 0) > shown,
    showMore: () => setShown((count) => count + RESULTS_PER_PAGE),
  };
}
