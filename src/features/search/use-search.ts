import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { queryWords, searchMatchesQuery, searchResultsQuery } from "./search-queries.ts";

/** The matches for `query` (all of them, counted and ranked) and their stories, a page at a time. */
export function useSearch(buildId: string, query: string) {
  const words = useMemo(() => queryWords(query), [query]);
  const matches = useQuery({ ...searchMatchesQuery(buildId, words), enabled: words.length > 0 });
  const results = useInfiniteQuery({
    ...searchResultsQuery(buildId, words, matches.data?.matches ?? []),
    enabled: matches.isSuccess,
  });
  return { words, matches, results };
}
